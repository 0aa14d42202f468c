package sockshare.libc;

import static sockshare.libc.LibCConstants.*;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The boundary where {@link LastErrorException} (or a returned error number, for posix_spawn)
 * becomes {@link ErrnoException}: every libc call sockshare makes goes through here, so every
 * failure names its call, arguments and errno the same way. A call's description is built only
 * when it fails, or, for a call that makes an fd, as the first line of the fd's history. Each
 * call is written out in its own try block, not passed as a lambda: JDK 17 links every lambda
 * through its bootstrap method on first use, interpreted, and a JVM's first calls through here
 * linked some 45 of them (native-notes/perf.md, "Op without lambdas").
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

    /** @return the failure of {@code call}, as the caller wrote it, with the errno the call set */
    private static ErrnoException failed(String call, LastErrorException e) {
        return new ErrnoException(call, e.getErrorCode());
    }

    private static Fd[] pair(int[] numbers, String origin) {
        return new Fd[] {new Fd(numbers[0], origin), new Fd(numbers[1], origin)};
    }

    public static Fd socket(int domain, int type) throws ErrnoException {
        String call = "socket(" + familyName(domain) + ", " + typeName(type) + ")";
        try {
            return new Fd(C.socket(domain, type, 0), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /** A socket whose family needs a protocol number, as AF_NETLINK does (NETLINK_SOCK_DIAG). */
    public static Fd socket(int domain, int type, int protocol) throws ErrnoException {
        String call = "socket(" + familyName(domain) + ", " + typeName(type) + ", " + protocol + ")";
        try {
            return new Fd(C.socket(domain, type, protocol), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /** @return the two connected fds, both close-on-exec */
    public static Fd[] socketpair(int domain, int type) throws ErrnoException {
        int[] sv = new int[2];
        String call = "socketpair(" + familyName(domain) + ", " + typeName(type) + ")";
        try {
            C.socketpair(domain, type | SOCK_CLOEXEC, 0, sv);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
        return pair(sv, call);
    }

    public static void bind(Fd fd, InetSocketAddress address) throws ErrnoException {
        byte[] sa = SockAddr.encode(address);
        try {
            C.bind(fd.number(), sa, sa.length);
        } catch (LastErrorException e) {
            throw failed("bind(fd=" + fd.number() + ", " + address + ")", e);
        }
    }

    /** Binds an AF_UNIX socket to {@code name} in the abstract namespace: no file, gone with the socket. */
    public static void bindAbstract(Fd fd, String name) throws ErrnoException {
        byte[] sa = SockAddr.abstractUnix(name);
        try {
            C.bind(fd.number(), sa, sa.length);
        } catch (LastErrorException e) {
            throw failed("bind(fd=" + fd.number() + ", @" + name + ")", e);
        }
    }

    public static void connectAbstract(Fd fd, String name) throws ErrnoException {
        byte[] sa = SockAddr.abstractUnix(name);
        try {
            C.connect(fd.number(), sa, sa.length);
        } catch (LastErrorException e) {
            throw failed("connect(fd=" + fd.number() + ", @" + name + ")", e);
        }
    }

    public static void listen(Fd fd, int backlog) throws ErrnoException {
        try {
            C.listen(fd.number(), backlog);
        } catch (LastErrorException e) {
            throw failed("listen(fd=" + fd.number() + ", " + backlog + ")", e);
        }
    }

    /** @return the accepted connection, close-on-exec */
    public static Fd accept(Fd fd) throws ErrnoException {
        String call = "accept(fd=" + fd.number() + ")";
        try {
            return new Fd(C.accept4(fd.number(), null, null, SOCK_CLOEXEC), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    public static void connect(Fd fd, InetSocketAddress address) throws ErrnoException {
        byte[] sa = SockAddr.encode(address);
        try {
            C.connect(fd.number(), sa, sa.length);
        } catch (LastErrorException e) {
            throw failed("connect(fd=" + fd.number() + ", " + address + ")", e);
        }
    }

    public static InetSocketAddress getsockname(Fd fd) throws ErrnoException {
        byte[] sa = new byte[128];
        IntByReference len = new IntByReference(sa.length);
        try {
            C.getsockname(fd.number(), sa, len);
        } catch (LastErrorException e) {
            throw failed("getsockname(fd=" + fd.number() + ")", e);
        }
        return SockAddr.decode(sa);
    }

    public static InetSocketAddress getpeername(Fd fd) throws ErrnoException {
        byte[] sa = new byte[128];
        IntByReference len = new IntByReference(sa.length);
        try {
            C.getpeername(fd.number(), sa, len);
        } catch (LastErrorException e) {
            throw failed("getpeername(fd=" + fd.number() + ")", e);
        }
        return SockAddr.decode(sa);
    }

    public static long send(Fd fd, byte[] data, int flags) throws ErrnoException {
        try {
            return C.send(fd.number(), data, data.length, flags);
        } catch (LastErrorException e) {
            throw failed("send(fd=" + fd.number() + ", " + data.length + " bytes, " + msgFlags(flags) + ")", e);
        }
    }

    /**
     * Sends the first {@code count} messages of {@code batch} with one sendmmsg(2): the kernel
     * sends each as its own sendmsg, as if by {@code count} send calls.
     *
     * @return the bytes sent, those of a message sent only in part included
     */
    public static long sendMessages(Fd fd, MessageBatch batch, int count, int flags) throws ErrnoException {
        int sent;
        try {
            sent = C.sendmmsg(fd.number(), batch.headers, Math.min(count, batch.count()), flags);
        } catch (LastErrorException e) {
            throw failed("sendmmsg(fd=" + fd.number() + ", " + count + " messages of " + batch.size() + " bytes, "
                    + msgFlags(flags) + ")", e);
        }
        return batch.bytesSent(sent);
    }

    /** @return bytes received into {@code buf}, 0 at end of stream */
    public static long recv(Fd fd, byte[] buf, int flags) throws ErrnoException {
        try {
            return C.recv(fd.number(), buf, buf.length, flags);
        } catch (LastErrorException e) {
            throw failed("recv(fd=" + fd.number() + ", " + buf.length + ", " + msgFlags(flags) + ")", e);
        }
    }

    public static long read(Fd fd, byte[] buf) throws ErrnoException {
        try {
            return C.read(fd.number(), buf, buf.length);
        } catch (LastErrorException e) {
            throw failed("read(fd=" + fd.number() + ", " + buf.length + ")", e);
        }
    }

    public static long write(Fd fd, byte[] buf, int len) throws ErrnoException {
        try {
            return C.write(fd.number(), buf, len);
        } catch (LastErrorException e) {
            throw failed("write(fd=" + fd.number() + ", " + len + ")", e);
        }
    }

    /** Sends {@code data} on a Unix socket with a copy of {@code passFd} attached (SCM_RIGHTS). */
    public static long sendFd(Fd fd, byte[] data, Fd passFd) throws ErrnoException {
        MsgHdr m = MsgHdr.carrying(data, passFd.number());
        try {
            return C.sendmsg(fd.number(), m.msg, MSG_NOSIGNAL);
        } catch (LastErrorException e) {
            throw failed("sendmsg(fd=" + fd.number() + ", " + data.length + " bytes, SCM_RIGHTS [" + passFd.number() + "])", e);
        }
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
        long got;
        try {
            got = C.recvmsg(fd.number(), m.msg, MSG_CMSG_CLOEXEC);
        } catch (LastErrorException e) {
            throw failed("recvmsg(fd=" + fd.number() + ")", e);
        }
        if ((m.flags() & MSG_CTRUNC) != 0) {
            throw new ErrnoException("recvmsg(fd=" + fd.number() + "): control data truncated (MSG_CTRUNC)", Errno.EINVAL);
        }
        m.copyData(buf, (int) got);
        int passed = m.receivedFd();
        return new ReceivedFd((int) got, passed < 0 ? null : new Fd(passed, "recvmsg(fd=" + fd.number() + ") SCM_RIGHTS"));
    }

    public static void shutdown(Fd fd, int how) throws ErrnoException {
        try {
            C.shutdown(fd.number(), how);
        } catch (LastErrorException e) {
            throw failed("shutdown(fd=" + fd.number() + ", " + howName(how) + ")", e);
        }
    }

    /**
     * close(2) on {@code fd}'s number even when this process closed it before, to show what the
     * kernel answers then; {@link Fd#close()} closes once. Whoever calls this on a closed Fd has
     * checked that the number is still free (the hazard {@link Fd} describes).
     */
    public static void close(Fd fd) throws ErrnoException {
        fd.markClosed("close(2)");
        try {
            C.close(fd.number());
        } catch (LastErrorException e) {
            throw failed("close(fd=" + fd.number() + ")", e);
        }
    }

    public static Fd dup(Fd fd) throws ErrnoException {
        String call = "dup(fd=" + fd.number() + ")";
        try {
            return new Fd(C.dup(fd.number()), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /**
     * Makes {@code over}'s number a copy of {@code fd}: the file {@code over} named is closed
     * (its reference dropped), and the number now names {@code fd}'s, as its history records.
     */
    public static void dup2(Fd fd, Fd over) throws ErrnoException {
        try {
            C.dup2(fd.number(), over.number());
        } catch (LastErrorException e) {
            throw failed("dup2(fd=" + fd.number() + ", " + over.number() + ")", e);
        }
        over.note("dup2(" + fd.number() + ", " + over.number() + "): now a copy of fd " + fd.number());
    }

    /** @return a copy of {@code fd} numbered {@code lowest} or above, close-on-exec */
    public static Fd dupCloexec(Fd fd, int lowest) throws ErrnoException {
        String call = "fcntl(fd=" + fd.number() + ", F_DUPFD_CLOEXEC, " + lowest + ")";
        try {
            return new Fd(C.fcntl(fd.number(), F_DUPFD_CLOEXEC, lowest), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /** @return the columns of the terminal open at {@code fd} (0 when the terminal does not say); ENOTTY for a file or pipe */
    public static int terminalColumns(Fd fd) throws ErrnoException {
        byte[] winsize = new byte[8];
        try {
            C.ioctl(fd.number(), TIOCGWINSZ, winsize);
        } catch (LastErrorException e) {
            throw failed("ioctl(fd=" + fd.number() + ", TIOCGWINSZ)", e);
        }
        return java.nio.ByteBuffer.wrap(winsize).order(java.nio.ByteOrder.nativeOrder()).getShort(2) & 0xffff;
    }

    /** @return a close-on-exec fd of the network namespace socket {@code fd} belongs to (SIOCGSKNS) */
    public static Fd socketNamespace(Fd fd) throws ErrnoException {
        String call = "ioctl(fd=" + fd.number() + ", SIOCGSKNS)";
        try {
            return new Fd(C.ioctl(fd.number(), SIOCGSKNS, 0L), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    public static int fcntl(Fd fd, int cmd, int arg) throws ErrnoException {
        try {
            return C.fcntl(fd.number(), cmd, arg);
        } catch (LastErrorException e) {
            throw failed("fcntl(fd=" + fd.number() + ", " + fcntlName(cmd) + ", " + arg + ")", e);
        }
    }

    public static int getsockoptInt(Fd fd, int level, int name) throws ErrnoException {
        byte[] value = new byte[4];
        IntByReference len = new IntByReference(4);
        try {
            C.getsockopt(fd.number(), level, name, value, len);
        } catch (LastErrorException e) {
            throw failed("getsockopt(fd=" + fd.number() + ", " + optionName(level, name) + ")", e);
        }
        return LittleEndian.intAt(value, 0);
    }

    /** @return the raw option value, as long as the kernel filled in */
    public static byte[] getsockopt(Fd fd, int level, int name, int size) throws ErrnoException {
        byte[] value = new byte[size];
        IntByReference len = new IntByReference(size);
        try {
            C.getsockopt(fd.number(), level, name, value, len);
        } catch (LastErrorException e) {
            throw failed("getsockopt(fd=" + fd.number() + ", " + optionName(level, name) + ")", e);
        }
        return java.util.Arrays.copyOf(value, len.getValue());
    }

    public static void setsockopt(Fd fd, int level, int name, byte[] value, String shown) throws ErrnoException {
        try {
            C.setsockopt(fd.number(), level, name, value, value.length);
        } catch (LastErrorException e) {
            throw failed("setsockopt(fd=" + fd.number() + ", " + shown + ")", e);
        }
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
        int ready;
        try {
            ready = C.poll(pollfd, 1, timeoutMs);
        } catch (LastErrorException e) {
            throw failed("poll(fd=" + fd.number() + ", " + EventBits.poll(events) + ", " + timeoutMs + " ms)", e);
        }
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
        while (true) {
            try {
                return poll(fd, events,
                        (int) Math.max(0, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
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
        String call = "epoll_create1(EPOLL_CLOEXEC)";
        try {
            return new Fd(C.epoll_create1(EPOLL_CLOEXEC), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /** Adds {@code fd} to the epoll set {@code epfd} for {@code events}; the event's data is the fd. */
    public static void epollAdd(Fd epfd, Fd fd, int events) throws ErrnoException {
        byte[] event = EpollEvent.of(events, fd.number());
        try {
            C.epoll_ctl(epfd.number(), EPOLL_CTL_ADD, fd.number(), event);
        } catch (LastErrorException e) {
            throw failed("epoll_ctl(epfd=" + epfd.number() + ", EPOLL_CTL_ADD, fd=" + fd.number() + ", "
                    + EventBits.epoll(events) + ")", e);
        }
    }

    public static void epollDel(Fd epfd, Fd fd) throws ErrnoException {
        try {
            C.epoll_ctl(epfd.number(), EPOLL_CTL_DEL, fd.number(), null);
        } catch (LastErrorException e) {
            throw failed("epoll_ctl(epfd=" + epfd.number() + ", EPOLL_CTL_DEL, fd=" + fd.number() + ")", e);
        }
    }

    /** One entry epoll_wait(2) returned: the fd it was registered for and the events it reports. */
    public record EpollReady(int fd, int events) {
    }

    /** @return the ready entries, at most {@code max}; none when the timeout passed first */
    public static List<EpollReady> epollWait(Fd epfd, int max, int timeoutMs) throws ErrnoException {
        byte[] events = new byte[max * EpollEvent.SIZE];
        int ready;
        try {
            ready = C.epoll_wait(epfd.number(), events, max, timeoutMs);
        } catch (LastErrorException e) {
            throw failed("epoll_wait(epfd=" + epfd.number() + ", " + max + ", " + timeoutMs + " ms)", e);
        }
        List<EpollReady> out = new java.util.ArrayList<>();
        for (int i = 0; i < ready; i++) {
            out.add(new EpollReady(EpollEvent.fd(events, i), EpollEvent.events(events, i)));
        }
        return out;
    }

    /** @return a pidfd for {@code pid}, close-on-exec (pidfds always are) */
    public static Fd pidfdOpen(int pid) throws ErrnoException {
        String call = "pidfd_open(pid=" + pid + ")";
        try {
            return new Fd(C.pidfd_open(pid, 0), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /** @return a close-on-exec copy of fd {@code targetFd} of the process {@code pidfd} names */
    public static Fd pidfdGetfd(Fd pidfd, int targetFd) throws ErrnoException {
        String call = "pidfd_getfd(pidfd=" + pidfd.number() + ", fd=" + targetFd + ")";
        try {
            return new Fd(C.pidfd_getfd(pidfd.number(), targetFd, 0), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    /** Sets {@code signum}'s disposition to {@code act} (null: leaves it) and returns the one before. */
    static byte[] sigaction(int signum, byte[] act) throws ErrnoException {
        byte[] old = new byte[SignalDisposition.SIZE];
        try {
            C.sigaction(signum, act, old);
        } catch (LastErrorException e) {
            throw failed("sigaction(" + signum + (act == null ? ", NULL)" : ")"), e);
        }
        return old;
    }

    /** @return read end and write end, both close-on-exec */
    public static Fd[] pipe() throws ErrnoException {
        int[] fds = new int[2];
        String call = "pipe2(O_CLOEXEC)";
        try {
            C.pipe2(fds, O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
        return pair(fds, call);
    }

    public static Fd open(String path, int flags) throws ErrnoException {
        String call = "open(" + path + ", " + flags + ")";
        try {
            return new Fd(C.open(path, flags, 0), call);
        } catch (LastErrorException e) {
            throw failed(call, e);
        }
    }

    public static void prctl(int option, long arg) throws ErrnoException {
        try {
            C.prctl(option, arg, 0, 0, 0);
        } catch (LastErrorException e) {
            throw failed("prctl(" + option + ", " + arg + ")", e);
        }
    }

    /** Makes a named pipe: opening it for writing finds a reader, or fails with ENXIO under O_NONBLOCK. */
    public static void mkfifo(String path, int mode) throws ErrnoException {
        try {
            C.mkfifo(path, mode);
        } catch (LastErrorException e) {
            throw failed("mkfifo(" + path + ", 0" + Integer.toOctalString(mode) + ")", e);
        }
    }

    /** Moves the calling thread (not the process) into the namespace that {@code fd}, an open /proc/PID/ns/ file, names. */
    public static void setns(Fd fd, int nstype) throws ErrnoException {
        try {
            C.setns(fd.number(), nstype);
        } catch (LastErrorException e) {
            throw failed("setns(fd=" + fd.number() + ", " + (nstype == CLONE_NEWNET ? "CLONE_NEWNET" : nstype) + ")", e);
        }
    }

    /** Leaves the caller's session and its terminal: a terminal's Ctrl-C or hang-up no longer reaches it. */
    public static void setsid() throws ErrnoException {
        try {
            C.setsid();
        } catch (LastErrorException e) {
            throw failed("setsid()", e);
        }
    }

    public static void kill(int pid, int sig) throws ErrnoException {
        try {
            C.kill(pid, sig);
        } catch (LastErrorException e) {
            throw failed("kill(pid=" + pid + ", " + sig + ")", e);
        }
    }

    /** Sends {@code sig} to one thread, {@code tid} of process {@code tgid}. */
    public static void tgkill(int tgid, int tid, int sig) throws ErrnoException {
        try {
            C.tgkill(tgid, tid, sig);
        } catch (LastErrorException e) {
            throw failed("tgkill(" + tgid + ", " + tid + ", " + sig + ")", e);
        }
    }

    /** @return the wait status, or -1 when {@code noHang} and the child has not changed state */
    public static int waitpid(int pid, boolean noHang) throws ErrnoException {
        IntByReference status = new IntByReference();
        int changed;
        try {
            changed = C.waitpid(pid, status, noHang ? WNOHANG : 0);
        } catch (LastErrorException e) {
            throw failed("waitpid(pid=" + pid + ")", e);
        }
        return changed == 0 ? -1 : status.getValue();
    }

    // posix_spawn(3) and its file actions return an error number instead of setting errno.

    public static void spawnActionsInit(Pointer actions) throws ErrnoException {
        int rc = C.posix_spawn_file_actions_init(actions);
        if (rc != 0) {
            throw new ErrnoException("posix_spawn_file_actions_init()", rc);
        }
    }

    /** Frees what init allocated; it cannot fail for actions that init made. */
    public static void spawnActionsDestroy(Pointer actions) {
        C.posix_spawn_file_actions_destroy(actions);
    }

    /** The child gets {@code newfd}, a number in its own table, as a copy of {@code fd}, without FD_CLOEXEC. */
    public static void spawnAddDup2(Pointer actions, Fd fd, int newfd) throws ErrnoException {
        int rc = C.posix_spawn_file_actions_adddup2(actions, fd.number(), newfd);
        if (rc != 0) {
            throw new ErrnoException("posix_spawn_file_actions_adddup2(fd=" + fd.number() + ", " + newfd + ")", rc);
        }
    }

    /** The child opens {@code path} as its fd numbered {@code fd}. */
    public static void spawnAddOpen(Pointer actions, int fd, String path, int flags) throws ErrnoException {
        int rc = C.posix_spawn_file_actions_addopen(actions, fd, path, flags, 0);
        if (rc != 0) {
            throw new ErrnoException("posix_spawn_file_actions_addopen(fd=" + fd + ", " + path + ", " + flags + ")", rc);
        }
    }

    /** The child closes every fd from {@code lowest} up (glibc 2.34). */
    public static void spawnAddClosefrom(Pointer actions, int lowest) throws ErrnoException {
        int rc = C.posix_spawn_file_actions_addclosefrom_np(actions, lowest);
        if (rc != 0) {
            throw new ErrnoException("posix_spawn_file_actions_addclosefrom_np(" + lowest + ")", rc);
        }
    }

    /** @return the child's pid */
    public static int posixSpawn(List<String> argv, Pointer actions, List<String> env) throws ErrnoException {
        IntByReference pid = new IntByReference();
        int rc = C.posix_spawn(pid, argv.get(0), actions, null, new StringArray(argv.toArray(new String[0])),
                new StringArray(env.toArray(new String[0])));
        if (rc != 0) {
            throw new ErrnoException("posix_spawn(" + argv.get(0) + ")", rc);
        }
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
