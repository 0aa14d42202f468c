package sockshare.conduct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import sockshare.spawn.ProcStat;

/**
 * Reads a thread's scheduler state from /proc, to know that a recv sent to the background is
 * really asleep in the kernel before the next step runs.
 */
final class ThreadState {
    private ThreadState() {
    }

    /**
     * @return true when the thread is in interruptible sleep (state S) inside a syscall, and
     *         that sleep is not a futex wait: between saying it is about to block and making
     *         the call, a thread may sleep on a lock of its JVM (class loading, a safepoint),
     *         and a second holder started then would reach accept(2) or recv(2) first
     */
    static boolean asleepInSyscall(long pid, long tid) {
        Path task = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid));
        try {
            // a thread's stat has the fields of its process's
            ProcStat stat = ProcStat.parse(Files.readString(task.resolve("stat")));
            return stat != null && stat.state() == 'S' && !onLock(task);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return true when the kernel function the thread sleeps in is a futex wait (futex_wait_queue, futex_do_wait, …) */
    private static boolean onLock(Path task) {
        try {
            return Files.readString(task.resolve("wchan")).startsWith("futex");
        } catch (IOException | RuntimeException unreadable) {
            return false; // wchan hidden from this user: the state alone decides, as before
        }
    }
}
