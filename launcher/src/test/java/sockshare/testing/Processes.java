package sockshare.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import sockshare.actor.ChildContract;

/** What the kernel says about processes and their fds, read from /proc. */
public final class Processes {
    private Processes() {
    }

    /** @return the child JVMs the given process has started (sockshare.child.ChildMain) */
    public static List<ProcessHandle> childJvms(long parent) {
        return ProcessHandle.of(parent).map(p -> p.children()
                .filter(c -> cmdline(c.pid()).contains(ChildContract.CHILD_MAIN)).toList()).orElse(List.of());
    }

    /**
     * Waits until {@code parent} has {@code count} child JVMs that have loaded the libc binding
     * (JNA's native library is mapped: the child is past its first syscall, prctl).
     */
    public static List<ProcessHandle> awaitChildJvms(long parent, int count, long seconds) throws InterruptedException {
        List<ProcessHandle>[] found = new List[1];
        await(seconds, "parent " + parent + " to have " + count + " running child JVMs", () -> {
            found[0] = childJvms(parent);
            return found[0].size() >= count && found[0].stream().allMatch(c -> maps(c.pid()).contains("/JNA/temp/jna") || maps(c.pid()).contains("jnidispatch"));
        });
        return found[0];
    }

    /** Waits, polling every millisecond, until {@code parent} has {@code count} child JVMs, however young. */
    public static List<ProcessHandle> awaitNewborns(long parent, int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            List<ProcessHandle> found = childJvms(parent);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for " + count + " child JVMs of " + parent);
            }
            Thread.sleep(1);
        }
    }

    /**
     * @return every running process, wherever it now is in the process tree, whose environment
     *         names {@code launcher} as its launcher: the children it spawned, even those it
     *         spawned after the test last looked
     */
    public static List<Long> spawnedBy(long launcher) {
        return withEnvironment(ChildContract.LAUNCHER_PID + "=" + launcher + "\0");
    }

    /** @return every running process, wherever it now is in the process tree, with an environment entry that begins {@code entry} */
    public static List<Long> withEnvironment(String entry) {
        List<Long> found = new ArrayList<>();
        byte[] mark = entry.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path p : all.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    byte[] env = Files.readAllBytes(p.resolve("environ"));
                    if (contains(env, mark) && state(pid) != 'Z' && state(pid) != '-') {
                        found.add(pid);
                    }
                } catch (IOException | SecurityException unreadable) {
                    // gone, or not ours to read: not a process this launcher spawned
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** @return true while the process runs code: present, the same process (start time), and not a zombie */
    public static boolean running(ProcessHandle p) {
        return p.isAlive() && state(p.pid()) != 'Z';
    }

    public static char state(long pid) {
        return stateIn(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** @return the state letter of a /proc stat file (process or thread), or '-' once it is gone */
    private static char stateIn(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.charAt(line.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException gone) {
            return '-';
        }
    }

    /** @return fd number → what it points to (readlink of /proc/PID/fd/N), for a live process */
    public static Map<Integer, String> fds(long pid) {
        Map<Integer, String> fds = new TreeMap<>();
        Path dir = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path fd : entries.toList()) {
                try {
                    fds.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // the fd was closed between the listing and the readlink
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + dir + ": " + e, e);
        }
        return fds;
    }

    /** @return true when fd {@code fd} of {@code pid} has O_CLOEXEC set (/proc/PID/fdinfo flags, octal) */
    public static boolean closeOnExec(long pid, int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return (Long.parseLong(line.substring(6).strip(), 8) & 02000000) != 0;
            }
        }
        throw new AssertionError("no flags in fdinfo of fd " + fd + " of " + pid);
    }

    /** @return the child JVM of {@code children} that plays {@code actor} (its SOCKSHARE_ACTOR) */
    public static ProcessHandle actor(List<ProcessHandle> children, String actor) {
        for (ProcessHandle c : children) {
            try {
                String env = Files.readString(Path.of("/proc", Long.toString(c.pid()), "environ"));
                if (List.of(env.split("\0")).contains(ChildContract.ACTOR + "=" + actor)) {
                    return c;
                }
            } catch (IOException gone) {
                // not this one
            }
        }
        throw new AssertionError("no child plays " + actor);
    }

    /** @return true when a thread of {@code pid} has this name (as /proc shows it: at most 15 characters) */
    public static boolean hasThread(long pid, String name) {
        return thread(pid, name) != null;
    }

    /** @return true when {@code pid} has a thread of this name asleep (state S), as a thread blocked in recv is */
    public static boolean hasSleepingThread(long pid, String name) {
        Path task = thread(pid, name);
        return task != null && stateIn(task.resolve("stat")) == 'S';
    }

    /** @return the /proc task directory of the first thread of {@code pid} with this name, or null */
    private static Path thread(long pid, String name) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        return task;
                    }
                } catch (IOException threadEnded) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException processEnded) {
            return null;
        }
        return null;
    }

    /** @return true when {@code pid} ignores {@code signal} (SigIgn in /proc/PID/status), as a job started in the background ignores SIGINT */
    public static boolean ignores(long pid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException gone) {
            return false;
        }
        return false;
    }

    public static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static String maps(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** Polls {@code condition} every 20 ms; fails naming {@code what} after {@code seconds}. */
    public static void await(long seconds, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** @return the processes of {@code among} still running after waiting up to {@code millis} for them to end */
    public static List<ProcessHandle> survivors(List<ProcessHandle> among, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<ProcessHandle> left = new ArrayList<>(among);
        while (true) {
            left.removeIf(p -> !running(p));
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(20);
        }
    }
}
