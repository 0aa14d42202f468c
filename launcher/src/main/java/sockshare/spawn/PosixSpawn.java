package sockshare.spawn;

import static sockshare.libc.LibCConstants.*;

import com.sun.jna.Memory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Starts a program with posix_spawn(3) so that chosen fds above 2 reach it. Java's
 * ProcessBuilder, and so commons-exec's own launcher, closes every fd above 2 in the child.
 *
 * <p>The child's stdout and stderr are pipes back to the launcher; its stdin is what the plan
 * puts at 0, else /dev/null. Every other fd is closed by a closefrom action.
 */
public final class PosixSpawn {
    /** Sources are copied this high first, so that no dup2 overwrites a source still to be copied. */
    private static final int HIGH_FD = 100;
    /** Opaque glibc types; generous sizes (glibc x86_64 uses 80 and 336 bytes). */
    private static final int FILE_ACTIONS_SIZE = 512;

    private PosixSpawn() {
    }

    public static SpawnedProcess spawn(List<String> argv, Map<String, String> env, FdPlan plan) throws IOException {
        List<Fd> temporaries = new ArrayList<>();
        Fd[] out = Syscalls.pipe();
        Fd[] err = Syscalls.pipe();
        boolean spawned = false;
        Memory actions = new Memory(FILE_ACTIONS_SIZE);
        actions.clear();
        try {
            Syscalls.spawnActionsInit(actions);
        } catch (IOException e) {
            closeAll(out[0], out[1], err[0], err[1]);
            throw e;
        }
        try {
            int highest = 2;
            for (Map.Entry<Integer, Fd> target : plan.targets().entrySet()) {
                Fd copy = Syscalls.dupCloexec(target.getValue(), HIGH_FD);
                temporaries.add(copy);
                Syscalls.spawnAddDup2(actions, copy, target.getKey());
                highest = Math.max(highest, target.getKey());
            }
            if (!plan.targets().containsKey(0)) {
                Syscalls.spawnAddOpen(actions, 0, "/dev/null", O_RDONLY);
            }
            Syscalls.spawnAddDup2(actions, out[1], 1);
            Syscalls.spawnAddDup2(actions, err[1], 2);
            Syscalls.spawnAddClosefrom(actions, highest + 1);

            List<String> envList = new ArrayList<>();
            env.forEach((k, v) -> envList.add(k + "=" + v));
            int pid = Syscalls.posixSpawn(argv, actions, envList);
            spawned = true;
            out[0].note("stdout pipe of " + pid);
            err[0].note("stderr pipe of " + pid);
            return new SpawnedProcess(pid, out[0], err[0]);
        } finally {
            Syscalls.spawnActionsDestroy(actions);
            out[1].close();
            err[1].close();
            if (!spawned) {
                // no child will write to these pipes: their read ends would leak
                closeAll(out[0], err[0]);
            }
            for (Fd fd : temporaries) {
                fd.close();
            }
        }
    }

    private static void closeAll(Fd... fds) throws ErrnoException {
        for (Fd fd : fds) {
            fd.close();
        }
    }
}
