package sockshare.libc;

import static sockshare.libc.LibCConstants.*;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The boundary where {@link LastErrorException} (or a returned error number, for posix_spawn)
 * becomes {@link ErrnoException}: every libc call sockshare makes goes through here, so every
 * failure names its call, arguments and errno the same way. Descriptions are built only on
 * failure.
 *
 * <p>Above {@link LibC}, which mirrors C and takes fd numbers, every fd of this process is an
 * {@link Fd}: the calls that make one return it, with its history begun, and the calls on one
 * take it and name its number in their errors ({@code shutdown(fd=5, SHUT_RDWR): ENOTCONN}). A call
 * passes the number on even when this process closed the Fd, so that the kernel's own answer
 * (EBADF) can be shown; whoever does that on purpose first checks that the number is still free
 * (see {@link Fd} for the hazard). Numbers in another process's table (a spawned child's, a
 * pidfd_getfd target) stay ints.
 */
public final class Syscalls {
    private static final LibC C = LibC.INSTANCE;

    private Syscalls() {
    }

    @FunctionalInterface
    private interface IntCall {
        int run() throws LastErrorException;
    }

    @FunctionalInterface
    private interface LongCall {
        long run() throws LastErrorException;
    }

    private static int call(IntCall call, Supplier<String> description) throws ErrnoException {
        return (int) callLong(call::run, description);
    }

    private static long callLong(LongCall call, Supplier<String> description) throws ErrnoException {
        try {
            return call.run();
        } catch (LastErrorException e) {
            throw new ErrnoException(description.get(), e.getErrorCode());
        }
    }

    /**
     * @return the fd {@code call} returned, its history begun with the call as a failure would name
     *         it: the description is kept unbuilt until the history is read
     */
    private static Fd made(IntCall call, Supplier<String> description) throws ErrnoException {
        return new Fd(call(call, description), description);
    }

    private static Fd[] pair(int[] numbers, Supplier<String> origin) {
        return new Fd[] {new Fd(numbers[0], origin), new Fd(numbers[1], origin)};
    }

    public static Fd socket(int domain, int type) throws ErrnoException {
        return made(() -> C.socket(domain, type, 0), () -> "socket(" + familyName(domain) + ", " + typeName(type) + ")");
    }

    /** A socket whose family needs a protocol number, as AF_NETLINK does (NETLINK_SOCK_DIAG). */
    public static Fd socket(int domain, int type, int protocol) throws ErrnoException {
        return made(() -> C.socket(domain, type, protocol),
                () -> "socket(" + familyName(domain) + ", " + typeName(type) + ", " + protocol + ")");
    }

    /** @return the two connected fds, both close-on-exec */
    public static Fd[] socketpair(int domain, int type) throws ErrnoException {
        int[] sv = new int[2];
        Supplier<String> description = () -> "socketpair(" + familyName(domain) + ", " + typeName(type) + ")";
        call(() -> C.socketpair(domain, type | SOCK_CLOEXEC, 0, sv), description);
        return pair(sv, description);
    }

    public static void bind(Fd fd, InetSocketAddress address) throws ErrnoException {
        byte[] sa = SockAddr.encode(address);
        call(() -> C.bind(fd.number(), sa, sa.length), () -> "bind(fd=" + fd.number() + ", " + address + ")");
    }

    /** Binds an AF_UNIX socket to {@code name} in the abstract namespace: no file, gone with the socket. */
    public static void bindAbstract(Fd fd, String name) throws ErrnoException {
        byte[] sa = SockAddr.abstractUnix(name);
        call(() -> C.bind(fd.number(), sa, sa.length), () -> "bind(fd=" + fd.number() + ", @" + name + ")");
    }

    public static void connectAbstract(Fd fd, String name) throws ErrnoException {
        byte[] sa = SockAddr.abstractUnix(name);
        call(() -> C.connect(fd.number(), sa, sa.length), () -> "connect(fd=" + fd.number() + ", @" + name + ")");
    }

    public static void listen(Fd fd, int backlog) throws ErrnoException {
        call(() -> C.listen(fd.number(), backlog), () -> "listen(fd=" + fd.number() + ", " + backlog + ")");
    }

    /** @return the accepted connection, close-on-exec */
    public static Fd accept(Fd fd) throws ErrnoException {
        return made(() -> C.accept4(fd.number(), null, null, SOCK_CLOEXEC), () -> "accept(fd=" + fd.number() + ")");
    }

    public static void connect(Fd fd, InetSocketAddress address) throws ErrnoException {
        byte[] sa = SockAddr.encode(address);
        call(() -> C.connect(fd.number(), sa, sa.length), () -> "connect(fd=" + fd.number() + ", " + address + ")");
    }

    public static InetSocketAddress getsockname(Fd fd) throws ErrnoException {
        byte[] sa = new byte[128];
        IntByReference len = new IntByReference(sa.length);
        call(() -> C.getsockname(fd.number(), sa, len), () -> "getsockname(fd=" + fd.number() + ")");
        return SockAddr.decode(sa);
    }

    public static InetSocketAddress getpeername(Fd fd) throws ErrnoException {
        byte[] sa = new byte[128];
        IntByReference len = new IntByReference(sa.length);
        call(() -> C.getpeername(fd.number(), sa, len), () -> "getpeername(fd=" + fd.number() + ")");
        return SockAddr.decode(sa);
    }

    public static long send(Fd fd, byte[] data, int flags) throws ErrnoException {
        return callLong(() -> C.send(fd.number(), data, data.length, flags),
                () -> "send(fd=" + fd.number() + ", " + data.length + " bytes, " + msgFlags(flags) + ")");
    }

    /**
     * Sends the first {@code count} messages of {@code batch} with one sendmmsg(2): the kernel
     * sends each as its own sendmsg, as if by {@code count} send calls.
     *
     * @return the bytes sent, those of a message sent only in part included
     */
    public static long sendMessages(Fd fd, MessageBatch batch, int count, int flags) throws ErrnoException {
        int sent = call(() -> C.sendmmsg(fd.number(), batch.headers, Math.min(count, batch.count()), flags),
                () -> "sendmmsg(fd=" + fd.number() + ", " + count + " messages of " + batch.size() + " bytes, " + msgFlags(flags) + ")");
        return batch.bytesSent(sent);
    }

    /** @return bytes received into {@code buf}, 0 at end of stream */
    public static long recv(Fd fd, byte[] buf, int flags) throws ErrnoException {
        return callLong(() -> C.recv(fd.number(), buf, buf.length, flags),
                () -> "recv(fd=" + fd.number() + ", " + buf.length + ", " + msgFlags(flags) + ")");
    }

    public static long read(Fd fd, byte[] buf) throws ErrnoException {
        return callLong(() -> C.read(fd.number(), buf, buf.length), () -> "read(fd=" + fd.number() + ", " + buf.length + ")");
    }

    public static long write(Fd fd, byte[] buf, int len) throws ErrnoException {
        return callLong(() -> C.write(fd.number(), buf, len), () -> "write(fd=" + fd.number() + ", " + len + ")");
    }

    /** Sends {@code data} on a Unix socket with a copy of {@code passFd} attached (SCM_RIGHTS). */
    public static long sendFd(Fd fd, byte[] data, Fd passFd) throws ErrnoException {
        MsgHdr m = MsgHdr.carrying(data, passFd.number());
        return callLong(() -> C.sendmsg(fd.number(), m.msg, MSG_NOSIGNAL),
                () -> "sendmsg(fd=" + fd.number() + ", " + data.length + " bytes, SCM_RIGHTS [" + passFd.number() + "])");
    }

    /** What recvmsg(2) brought: bytes, and the fd attached to them (close-on-exec), or null. */
    public record ReceivedFd(int bytes, Fd fd) {
    }

    /**
     * Receives up to {@code buf.length} bytes and at most one fd passed with SCM_RIGHTS. An fd
     * the buffer had no room for is closed by the kernel and reported as a failure here.
     */
    public static ReceivedFd recvFd(Fd fd, byte[] buf) throws ErrnoException {
        MsgHdr m = MsgHdr.receiving(buf.length);
        long got = callLong(() -> C.recvmsg(fd.number(), m.msg, MSG_CMSG_CLOEXEC), () -> "recvmsg(fd=" + fd.number() + ")");
        if ((m.flags() & MSG_CTRUNC) != 0) {
            throw new ErrnoException("recvmsg(fd=" + fd.number() + "): control data truncated (MSG_CTRUNC)", Errno.EINVAL);
        }
        m.copyData(buf, (int) got);
        int passed = m.receivedFd();
        return new ReceivedFd((int) got, passed < 0 ? null : new Fd(passed, () -> "recvmsg(fd=" + fd.number() + ") SCM_RIGHTS"));
    }

    public static void shutdown(Fd fd, int how) throws ErrnoException {
        call(() -> C.shutdown(fd.number(), how), () -> "shutdown(fd=" + fd.number() + ", " + howName(how) + ")");
    }

    /**
     * close(2) on {@code fd}'s number even when this process closed it before, to show what the
     * kernel answers then; {@link Fd#close()} closes once. Whoever calls this on a closed Fd has
     * checked that the number is still free (the hazard {@link Fd} describes).
     */
    public static void close(Fd fd) throws ErrnoException {
        fd.markClosed("close(2)");
        call(() -> C.close(fd.number()), () -> "close(fd=" + fd.number() + ")");
    }

    public static Fd dup(Fd fd) throws ErrnoException {
        return made(() -> C.dup(fd.number()), () -> "dup(fd=" + fd.number() + ")");
    }

    /**
     * Makes {@code over}'s number a copy of {@code fd}: the file {@code over} named is closed
     * (its reference dropped), and the number now names {@code fd}'s, as its history records.
     */
    public static void dup2(Fd fd, Fd over) throws ErrnoException {
        call(() -> C.dup2(fd.number(), over.number()), () -> "dup2(fd=" + fd.number() + ", " + over.number() + ")");
        over.note("dup2(" + fd.number() + ", " + over.number() + "): now a copy of fd " + fd.number());
    }

    /** @return a copy of {@code fd} numbered {@code lowest} or above, close-on-exec */
    public static Fd dupCloexec(Fd fd, int lowest) throws ErrnoException {
        return made(() -> C.fcntl(fd.number(), F_DUPFD_CLOEXEC, lowest),
                () -> "fcntl(fd=" + fd.number() + ", F_DUPFD_CLOEXEC, " + lowest + ")");
    }

    /** @return the columns of the terminal open at {@code fd} (0 when the terminal does not say); ENOTTY for a file or pipe */
    public static int terminalColumns(Fd fd) throws ErrnoException {
        byte[] winsize = new byte[8];
        call(() -> C.ioctl(fd.number(), TIOCGWINSZ, winsize), () -> "ioctl(fd=" + fd.number() + ", TIOCGWINSZ)");
        return java.nio.ByteBuffer.wrap(winsize).order(java.nio.ByteOrder.nativeOrder()).getShort(2) & 0xffff;
    }

    /** @return a close-on-exec fd of the network namespace socket {@code fd} belongs to (SIOCGSKNS) */
    public static Fd socketNamespace(Fd fd) throws ErrnoException {
        return made(() -> C.ioctl(fd.number(), SIOCGSKNS, 0L), () -> "ioctl(fd=" + fd.number() + ", SIOCGSKNS)");
    }

    public static int fcntl(Fd fd, int cmd, int arg) throws ErrnoException {
        return call(() -> C.fcntl(fd.number(), cmd, arg), () -> "fcntl(fd=" + fd.number() + ", " + fcntlName(cmd) + ", " + arg + ")");
    }

    public static int getsockoptInt(Fd fd, int level, int name) throws ErrnoException {
        byte[] value = new byte[4];
        IntByReference len = new IntByReference(4);
        call(() -> C.getsockopt(fd.number(), level, name, value, len),
                () -> "getsockopt(fd=" + fd.number() + ", " + optionName(level, name) + ")");
        return LittleEndian.intAt(value, 0);
    }

    /** @return the raw option value, as long as the kernel filled in */
    public static byte[] getsockopt(Fd fd, int level, int name, int size) throws ErrnoException {
        byte[] value = new byte[size];
        IntByReference len = new IntByReference(size);
        call(() -> C.getsockopt(fd.number(), level, name, value, len),
                () -> "getsockopt(fd=" + fd.number() + ", " + optionName(level, name) + ")");
        return java.util.Arrays.copyOf(value, len.getValue());
    }

    public static void setsockopt(Fd fd, int level, int name, byte[] value, String shown) throws ErrnoException {
        call(() -> C.setsockopt(fd.number(), level, name, value, value.length),
                () -> "setsockopt(fd=" + fd.number() + ", " + shown + ")");
    }

    /**
     * Waits for {@code events} on one fd.
     *
     * @return the returned events (revents), 0 when the timeout passed first
     */
    public static short poll(Fd fd, short events, int timeoutMs) throws ErrnoException {
        byte[] pollfd = new byte[8];
        LittleEndian.putInt(pollfd, 0, fd.number());
        LittleEndian.putShort(pollfd, 4, events);
        int ready = call(() -> C.poll(pollfd, 1, timeoutMs),
                () -> "poll(fd=" + fd.number() + ", " + EventBits.poll(events) + ", " + timeoutMs + " ms)");
        return ready == 0 ? 0 : LittleEndian.shortAt(pollfd, 6);
    }

    /**
     * {@link #poll}, started again after EINTR with what is left of the timeout: a signal
     * delivered to the waiting thread says nothing about the fd.
     *
     * @return the returned events (revents), 0 when the timeout passed first
     */
    public static short pollThroughSignals(Fd fd, short events, int timeoutMs) throws ErrnoException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        return throughSignals(() -> poll(fd, events,
                (int) Math.max(0, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
    }

    /** A call through this class, to be made again when a signal interrupted it. */
    @FunctionalInterface
    public interface Restartable<T> {
        T run() throws ErrnoException;
    }

    /**
     * Makes {@code call} until it ends with anything but EINTR: a signal delivered to the
     * calling thread (the JVM uses some) says nothing about the fd it was waiting on.
     */
    public static <T> T throughSignals(Restartable<T> call) throws ErrnoException {
        while (true) {
            try {
                return call.run();
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    /** @return a new epoll instance, close-on-exec */
    public static Fd epollCreate() throws ErrnoException {
        return made(() -> C.epoll_create1(EPOLL_CLOEXEC), () -> "epoll_create1(EPOLL_CLOEXEC)");
    }

    /** Adds {@code fd} to the epoll set {@code epfd} for {@code events}; the event's data is the fd. */
    public static void epollAdd(Fd epfd, Fd fd, int events) throws ErrnoException {
        byte[] event = EpollEvent.of(events, fd.number());
        call(() -> C.epoll_ctl(epfd.number(), EPOLL_CTL_ADD, fd.number(), event),
                () -> "epoll_ctl(epfd=" + epfd.number() + ", EPOLL_CTL_ADD, fd=" + fd.number() + ", " + EventBits.epoll(events) + ")");
    }

    public static void epollDel(Fd epfd, Fd fd) throws ErrnoException {
        call(() -> C.epoll_ctl(epfd.number(), EPOLL_CTL_DEL, fd.number(), null),
                () -> "epoll_ctl(epfd=" + epfd.number() + ", EPOLL_CTL_DEL, fd=" + fd.number() + ")");
    }

    /** One entry epoll_wait(2) returned: the fd it was registered for and the events it reports. */
    public record EpollReady(int fd, int events) {
    }

    /** @return the ready entries, at most {@code max}; none when the timeout passed first */
    public static List<EpollReady> epollWait(Fd epfd, int max, int timeoutMs) throws ErrnoException {
        byte[] events = new byte[max * EpollEvent.SIZE];
        int ready = call(() -> C.epoll_wait(epfd.number(), events, max, timeoutMs),
                () -> "epoll_wait(epfd=" + epfd.number() + ", " + max + ", " + timeoutMs + " ms)");
        List<EpollReady> out = new java.util.ArrayList<>();
        for (int i = 0; i < ready; i++) {
            out.add(new EpollReady(EpollEvent.fd(events, i), EpollEvent.events(events, i)));
        }
        return out;
    }

    /** @return a pidfd for {@code pid}, close-on-exec (pidfds always are) */
    public static Fd pidfdOpen(int pid) throws ErrnoException {
        return made(() -> C.pidfd_open(pid, 0), () -> "pidfd_open(pid=" + pid + ")");
    }

    /** @return a close-on-exec copy of fd {@code targetFd} of the process {@code pidfd} names */
    public static Fd pidfdGetfd(Fd pidfd, int targetFd) throws ErrnoException {
        return made(() -> C.pidfd_getfd(pidfd.number(), targetFd, 0),
                () -> "pidfd_getfd(pidfd=" + pidfd.number() + ", fd=" + targetFd + ")");
    }

    /** Sets {@code signum}'s disposition to {@code act} (null: leaves it) and returns the one before. */
    static byte[] sigaction(int signum, byte[] act) throws ErrnoException {
        byte[] old = new byte[SignalDisposition.SIZE];
        call(() -> C.sigaction(signum, act, old), () -> "sigaction(" + signum + (act == null ? ", NULL)" : ")"));
        return old;
    }

    /** @return read end and write end, both close-on-exec */
    public static Fd[] pipe() throws ErrnoException {
        int[] fds = new int[2];
        Supplier<String> description = () -> "pipe2(O_CLOEXEC)";
        call(() -> C.pipe2(fds, O_CLOEXEC), description);
        return pair(fds, description);
    }

    public static Fd open(String path, int flags) throws ErrnoException {
        return made(() -> C.open(path, flags, 0), () -> "open(" + path + ", " + flags + ")");
    }

    public static void prctl(int option, long arg) throws ErrnoException {
        call(() -> C.prctl(option, arg, 0, 0, 0), () -> "prctl(" + option + ", " + arg + ")");
    }

    /** Makes a named pipe: opening it for writing finds a reader, or fails with ENXIO under O_NONBLOCK. */
    public static void mkfifo(String path, int mode) throws ErrnoException {
        call(() -> C.mkfifo(path, mode), () -> "mkfifo(" + path + ", 0" + Integer.toOctalString(mode) + ")");
    }

    /** Leaves the caller's session and its terminal: a terminal's Ctrl-C or hang-up no longer reaches it. */
    /** Moves the calling thread (not the process) into the namespace that {@code fd}, an open /proc/PID/ns/ file, names. */
    public static void setns(Fd fd, int nstype) throws ErrnoException {
        call(() -> C.setns(fd.number(), nstype), () -> "setns(fd=" + fd.number() + ", " + (nstype == CLONE_NEWNET ? "CLONE_NEWNET" : nstype) + ")");
    }

    public static void setsid() throws ErrnoException {
        call(C::setsid, () -> "setsid()");
    }

    public static void kill(int pid, int sig) throws ErrnoException {
        call(() -> C.kill(pid, sig), () -> "kill(pid=" + pid + ", " + sig + ")");
    }

    /** Sends {@code sig} to one thread, {@code tid} of process {@code tgid}. */
    public static void tgkill(int tgid, int tid, int sig) throws ErrnoException {
        call(() -> C.tgkill(tgid, tid, sig), () -> "tgkill(" + tgid + ", " + tid + ", " + sig + ")");
    }

    /** @return the wait status, or -1 when {@code noHang} and the child has not changed state */
    public static int waitpid(int pid, boolean noHang) throws ErrnoException {
        IntByReference status = new IntByReference();
        int changed = call(() -> C.waitpid(pid, status, noHang ? WNOHANG : 0),
                () -> "waitpid(pid=" + pid + ")");
        return changed == 0 ? -1 : status.getValue();
    }

    // posix_spawn(3) and its file actions return an error number instead of setting errno.

    private static void returned(int rc, Supplier<String> description) throws ErrnoException {
        if (rc != 0) {
            throw new ErrnoException(description.get(), rc);
        }
    }

    public static void spawnActionsInit(Pointer actions) throws ErrnoException {
        returned(C.posix_spawn_file_actions_init(actions), () -> "posix_spawn_file_actions_init()");
    }

    /** Frees what init allocated; it cannot fail for actions that init made. */
    public static void spawnActionsDestroy(Pointer actions) {
        C.posix_spawn_file_actions_destroy(actions);
    }

    /** The child gets {@code newfd}, a number in its own table, as a copy of {@code fd}, without FD_CLOEXEC. */
    public static void spawnAddDup2(Pointer actions, Fd fd, int newfd) throws ErrnoException {
        returned(C.posix_spawn_file_actions_adddup2(actions, fd.number(), newfd),
                () -> "posix_spawn_file_actions_adddup2(fd=" + fd.number() + ", " + newfd + ")");
    }

    /** The child opens {@code path} as its fd numbered {@code fd}. */
    public static void spawnAddOpen(Pointer actions, int fd, String path, int flags) throws ErrnoException {
        returned(C.posix_spawn_file_actions_addopen(actions, fd, path, flags, 0),
                () -> "posix_spawn_file_actions_addopen(fd=" + fd + ", " + path + ", " + flags + ")");
    }

    /** The child closes every fd from {@code lowest} up (glibc 2.34). */
    public static void spawnAddClosefrom(Pointer actions, int lowest) throws ErrnoException {
        returned(C.posix_spawn_file_actions_addclosefrom_np(actions, lowest),
                () -> "posix_spawn_file_actions_addclosefrom_np(" + lowest + ")");
    }

    /** @return the child's pid */
    public static int posixSpawn(List<String> argv, Pointer actions, List<String> env) throws ErrnoException {
        IntByReference pid = new IntByReference();
        returned(C.posix_spawn(pid, argv.get(0), actions, null, new StringArray(argv.toArray(new String[0])),
                new StringArray(env.toArray(new String[0]))), () -> "posix_spawn(" + argv.get(0) + ")");
        return pid.getValue();
    }

    /** @return this process's id; getpid(2) cannot fail */
    public static int getpid() {
        return C.getpid();
    }

    /** @return the calling thread's id, as /proc/PID/task/TID names it; gettid(2) cannot fail */
    public static int gettid() {
        return C.gettid();
    }

    /** @return the parent's id, that of a subreaper or init once the parent died; getppid(2) cannot fail */
    public static int getppid() {
        return C.getppid();
    }

    public static String howName(int how) {
        switch (how) {
            case SHUT_RD: return "SHUT_RD";
            case SHUT_WR: return "SHUT_WR";
            case SHUT_RDWR: return "SHUT_RDWR";
            default: return String.valueOf(how);
        }
    }

    public static String familyName(int family) {
        switch (family) {
            case AF_UNIX: return "AF_UNIX";
            case AF_INET: return "AF_INET";
            case AF_INET6: return "AF_INET6";
            case AF_NETLINK: return "AF_NETLINK";
            default: return String.valueOf(family);
        }
    }

    private static String typeName(int type) {
        int base = type & ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
        String name = base == SOCK_STREAM ? "SOCK_STREAM" : base == SOCK_SEQPACKET ? "SOCK_SEQPACKET"
                : base == SOCK_DGRAM ? "SOCK_DGRAM" : String.valueOf(base);
        return name + ((type & SOCK_NONBLOCK) != 0 ? "|SOCK_NONBLOCK" : "") + ((type & SOCK_CLOEXEC) != 0 ? "|SOCK_CLOEXEC" : "");
    }

    private static String fcntlName(int cmd) {
        switch (cmd) {
            case F_GETFD: return "F_GETFD";
            case F_SETFD: return "F_SETFD";
            case F_GETFL: return "F_GETFL";
            case F_SETFL: return "F_SETFL";
            default: return String.valueOf(cmd);
        }
    }

    /** @return the option as getsockopt(2)'s man page writes it, as in {@code IPPROTO_TCP, TCP_INFO} */
    private static String optionName(int level, int name) {
        if (level == IPPROTO_TCP && name == TCP_INFO) {
            return "IPPROTO_TCP, TCP_INFO";
        }
        if (level != SOL_SOCKET) {
            return level + ", " + name;
        }
        switch (name) {
            case SO_TYPE: return "SOL_SOCKET, SO_TYPE";
            case SO_ERROR: return "SOL_SOCKET, SO_ERROR";
            case SO_SNDBUF: return "SOL_SOCKET, SO_SNDBUF";
            case SO_RCVBUF: return "SOL_SOCKET, SO_RCVBUF";
            case SO_LINGER: return "SOL_SOCKET, SO_LINGER";
            case SO_REUSEADDR: return "SOL_SOCKET, SO_REUSEADDR";
            case SO_ACCEPTCONN: return "SOL_SOCKET, SO_ACCEPTCONN";
            default: return "SOL_SOCKET, " + name;
        }
    }

    private static String msgFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & MSG_DONTWAIT) != 0) sb.append("MSG_DONTWAIT|");
        if ((flags & MSG_NOSIGNAL) != 0) sb.append("MSG_NOSIGNAL|");
        if ((flags & MSG_PEEK) != 0) sb.append("MSG_PEEK|");
        return sb.length() == 0 ? "0" : sb.substring(0, sb.length() - 1);
    }
}
