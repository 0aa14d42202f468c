package sockshare.netns;

import static sockshare.libc.LibCConstants.CLONE_NEWNET;
import static sockshare.libc.LibCConstants.O_CLOEXEC;
import static sockshare.libc.LibCConstants.O_RDONLY;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * A private network namespace, made for one run and gone with it. A process of the run holds
 * it: {@code setpriv --pdeathsig KILL unshare --net cat}, which calls unshare(CLONE_NEWNET) and
 * then reads its stdin, a pipe only this JVM holds. It is never named in /run/netns, so nothing
 * but processes and open files keep it: the holder ends when this JVM closes the pipe, or when
 * the kernel closes it because the JVM died of whatever signal; and PR_SET_PDEATHSIG kills it
 * when the thread that started it ends. That signal follows the spawning thread, not the
 * process, so the holder is started by the namespace's own thread, which lives until
 * {@link #close()}.
 *
 * <p>That thread has entered the namespace with setns(2): {@link #call} runs work there, so
 * sockets, netlink sockets, /proc/sys/net and programs it starts are the namespace's. Another
 * thread joins it with {@link #enter()}; a program started elsewhere, with {@link #nsenter()}.
 * Loopback is up inside; nothing else is, until a link is added.
 */
public final class NetNamespace implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(5);
    /** Making a socket or writing a setting takes microseconds; this only bounds a thread that is stuck. */
    private static final Duration TASK = Duration.ofSeconds(10);
    private static final Duration TOOL = Duration.ofSeconds(5);
    /** A per-namespace setting: only net.* keys live in a network namespace; every other sysctl is the machine's. */
    private static final Pattern NET_KEY = Pattern.compile("net(\\.[A-Za-z0-9_-]+)+");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e\\t]{1,200}");

    private static final ProcessBuilder.Redirect NOTHING = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private final String name;
    private final ExecutorService thread;
    private Process holder;
    private Fd handle;
    private long inode;

    private NetNamespace(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Makes a namespace with loopback up, held by a new process of this run.
     *
     * @param name what messages and thread names call it (for example "peer")
     */
    public static NetNamespace create(String name) throws NamespaceException {
        NetNamespace ns = new NetNamespace(name);
        try {
            ns.call(() -> {
                ns.enterNew();
                return null;
            });
            ns.run(SystemTool.IP, "link", "set", "lo", "up");
            return ns;
        } catch (NamespaceException e) {
            ns.close();
            throw e;
        } catch (IOException e) {
            ns.close();
            throw new NamespaceException("network namespace " + name + ": " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    /** @return the pid of the process that holds the namespace */
    public long holderPid() {
        return holder.pid();
    }

    /** @return the namespace's inode number, as {@code lsns -t net} and /proc/PID/ns/net name it */
    public long inode() {
        return inode;
    }

    /** Runs {@code work} on the namespace's own thread, which is inside it, and returns what it returned. */
    public <T> T call(Callable<T> work) throws IOException {
        Future<T> result = thread.submit(work);
        try {
            return result.get(TASK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new NamespaceException("network namespace " + name + ": its thread did not finish within "
                    + TASK.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NamespaceException("network namespace " + name + ": interrupted");
        }
    }

    /**
     * Moves the calling thread into the namespace (setns(2) acts on one thread). Call it on a
     * thread of its own that ends when its work is done: the thread stays inside.
     */
    public void enter() throws ErrnoException {
        Syscalls.setns(handle, CLONE_NEWNET);
    }

    /** @return the words that start a program inside the namespace when it is started from outside, as tcpdump is */
    public List<String> nsenter() throws NamespaceException {
        return List.of(SystemTool.NSENTER.path(), "--net=/proc/" + holderPid() + "/ns/net", "--");
    }

    /**
     * Sets a network setting of this namespace only, never the machine's: {@code key} as sysctl
     * names it, {@code net.} first (net.ipv4.tcp_rmem); the value as sysctl takes it.
     */
    public void sysctl(String key, String value) throws IOException {
        checkSetting(key, value);
        Path file = settingFile(key);
        call(() -> {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                throw new NamespaceException("sysctl " + key + "=\"" + value + "\" in network namespace " + name
                        + ": " + reason(e));
            }
            return null;
        });
    }

    /** @return a network setting as this namespace has it, whitespace as the kernel writes it */
    public String sysctl(String key) throws IOException {
        Path file = settingFile(key);
        return call(() -> {
            // one read from offset 0: the kernel answers a read of a sysctl from any later offset with end of file
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new NamespaceException("sysctl " + key + " in network namespace " + name + ": " + reason(e));
            }
        });
    }

    /** Refuses, before anything is made, a setting that is not a network namespace's or a value sysctl would not take. */
    public static void checkSetting(String key, String value) throws NamespaceException {
        // the launcher's own namespace has every setting a new one has: a key missing here would fail only mid-run
        if (!Files.isRegularFile(settingFile(key))) {
            throw new NamespaceException("sysctl " + key + ": no such setting in a network namespace (no " + settingFile(key) + ")");
        }
        if (!VALUE.matcher(value).matches()) {
            throw new NamespaceException("sysctl " + key + ": the value must be 1 to 200 printable characters");
        }
    }

    private static Path settingFile(String key) throws NamespaceException {
        if (!NET_KEY.matcher(key).matches()) {
            throw new NamespaceException("sysctl " + key + ": only net.* settings belong to a network namespace");
        }
        return Path.of("/proc/sys", key.split("\\."));
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such setting in a network namespace"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Runs a program inside the namespace, started by its thread, and fails with its output if it fails. */
    void run(SystemTool tool, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(tool.path()));
        argv.addAll(List.of(args));
        String shown = tool.name() + " " + String.join(" ", args);
        call(() -> {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(NOTHING).start();
            if (!p.waitFor(TOOL.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new NamespaceException(shown + " (in network namespace " + name + ") did not finish within "
                        + TOOL.toSeconds() + " s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new NamespaceException(shown + " (in network namespace " + name + "): exit " + p.exitValue()
                        + (output.isEmpty() ? "" : ": " + output.lines().findFirst().orElse("")));
            }
            return null;
        });
    }

    /** On the namespace's thread: starts the holder, waits until it is in a namespace of its own, and joins it. */
    private void enterNew() throws IOException, InterruptedException {
        long own = inodeOf(Path.of("/proc/thread-self/ns/net"));
        holder = new ProcessBuilder(SystemTool.SETPRIV.path(), "--pdeathsig", "KILL", "--",
                SystemTool.UNSHARE.path(), "--net", "--", SystemTool.CAT.path())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path ns = Path.of("/proc", String.valueOf(holder.pid()), "ns", "net");
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!holder.isAlive()) {
                throw new NamespaceException("network namespace " + name + ": unshare --net failed (exit " + holder.exitValue()
                        + "): " + firstLine(holder.getErrorStream()));
            }
            long now = inodeOf(ns);
            if (now != own) {
                inode = now;
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new NamespaceException("network namespace " + name + ": the holder was not in a namespace of its own within "
                        + READY.toSeconds() + " s");
            }
            Thread.sleep(1);
        }
        handle = Syscalls.open(ns.toString(), O_RDONLY | O_CLOEXEC);
        enter();
        if (inodeOf(Path.of("/proc/thread-self/ns/net")) != inode) {
            throw new NamespaceException("network namespace " + name + ": setns did not move the thread into net:[" + inode + "]");
        }
    }

    private static long inodeOf(Path nsLink) throws IOException {
        String target = Files.readSymbolicLink(nsLink).toString(); // net:[4026531833]
        return Long.parseLong(target.substring(target.indexOf('[') + 1, target.length() - 1));
    }

    private static String firstLine(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("(no message)");
        } catch (IOException e) {
            return "(its message could not be read: " + e.getMessage() + ")";
        }
    }

    /** Ends the holder and the namespace's thread; the namespace goes when its last socket does. Safe to repeat. */
    @Override
    public void close() {
        if (handle != null) {
            try {
                handle.close();
            } catch (ErrnoException e) {
                // close(2) of a /proc ns file releases it even when it reports an error
            }
        }
        if (holder != null) {
            holder.destroyForcibly();
            try {
                holder.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread.shutdownNow();
    }
}
