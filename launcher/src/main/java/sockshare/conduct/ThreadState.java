package sockshare.conduct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a thread's scheduler state from /proc, to know that a recv sent to the background is
 * really asleep in the kernel before the next step runs.
 */
final class ThreadState {
    private ThreadState() {
    }

    /** @return true when the thread is in interruptible sleep (state S) inside a syscall */
    static boolean asleepInSyscall(long pid, String tid) {
        Path task = Path.of("/proc", Long.toString(pid), "task", tid);
        try {
            String stat = Files.readString(task.resolve("stat"));
            // the state follows the command name, which is in parentheses and may hold spaces
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'S';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
