package sockshare.spawn;

import static sockshare.libc.LibCConstants.*;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.LibC;
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
        LibC c = LibC.INSTANCE;
        List<Integer> temporaries = new ArrayList<>();
        int[] out = Syscalls.pipe();
        int[] err = Syscalls.pipe();
        Memory actions = new Memory(FILE_ACTIONS_SIZE);
        actions.clear();
        check(c.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            int highest = 2;
            for (Map.Entry<Integer, Integer> target : plan.targets().entrySet()) {
                int copy = Syscalls.dupCloexec(target.getValue(), HIGH_FD);
                temporaries.add(copy);
                check(c.posix_spawn_file_actions_adddup2(actions, copy, target.getKey()), "adddup2");
                highest = Math.max(highest, target.getKey());
            }
            if (!plan.targets().containsKey(0)) {
                check(c.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0), "addopen");
            }
            check(c.posix_spawn_file_actions_adddup2(actions, out[1], 1), "adddup2");
            check(c.posix_spawn_file_actions_adddup2(actions, err[1], 2), "adddup2");
            check(c.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1), "addclosefrom_np");

            List<String> envList = new ArrayList<>();
            env.forEach((k, v) -> envList.add(k + "=" + v));
            IntByReference pid = new IntByReference();
            int rc = c.posix_spawn(pid, argv.get(0), actions, null,
                    new StringArray(argv.toArray(new String[0])), new StringArray(envList.toArray(new String[0])));
            if (rc != 0) {
                throw new IOException("posix_spawn(" + argv.get(0) + "): " + Errno.name(rc));
            }
            return new SpawnedProcess(pid.getValue(), new Fd(out[0], "stdout pipe of " + pid.getValue()),
                    new Fd(err[0], "stderr pipe of " + pid.getValue()));
        } finally {
            c.posix_spawn_file_actions_destroy(actions);
            Syscalls.close(out[1]);
            Syscalls.close(err[1]);
            for (int fd : temporaries) {
                Syscalls.close(fd);
            }
        }
    }

    private static void check(int rc, String call) throws ErrnoException {
        if (rc != 0) {
            throw new ErrnoException("posix_spawn_file_actions: " + call, rc);
        }
    }
}
