package sockshare.libc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.lang.reflect.InvocationHandler;
import java.util.Map;

/**
 * The C library calls sockshare makes, declared in the manner of JNA's
 * {@code com.sun.jna.platform.linux.LibC}. Each method that reports failure through errno
 * {@code throws LastErrorException}; callers go through {@link Syscalls}, the one place
 * where that is turned into an {@link ErrnoException} naming the call, its arguments and
 * the errno. Constants live in {@link LibCConstants}. Sizes assume LP64 Linux (x86_64,
 * aarch64): {@code ssize_t} and {@code size_t} are Java {@code long}.
 */
public interface LibC extends Library {
    LibC INSTANCE = load();

    /**
     * {@code Native.load("c", LibC.class)}, but with the proxy class the build generated
     * (libc/src/build/LibCProxyClass.java) instead of one generated at run time, which took
     * 20-30 ms of every JVM's start. The calls go through JNA's own handler as with
     * {@code Native.load}; "c" is the process's own handle, where the JVM has libc already.
     */
    private static LibC load() {
        InvocationHandler calls = new Library.Handler("c", LibC.class, Map.of());
        try {
            return (LibC) Class.forName("sockshare.libc.LibCProxy").getConstructor(InvocationHandler.class).newInstance(calls);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LibC's proxy class, made by the build, is missing or unusable", e);
        }
    }

    /** @return a new file descriptor; -1 and errno on failure (socket(2)) */
    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** @return 0; -1 and errno on failure (socketpair(2)); {@code sv} receives the two fds */
    int socketpair(int domain, int type, int protocol, int[] sv) throws LastErrorException;

    /** @return 0; -1 and errno on failure (bind(2)) */
    int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

    /** @return 0; -1 and errno on failure (listen(2)) */
    int listen(int fd, int backlog) throws LastErrorException;

    /** @return the accepted connection's fd; -1 and errno on failure (accept4(2)) */
    int accept4(int fd, byte[] addr, IntByReference addrlen, int flags) throws LastErrorException;

    /** @return 0; -1 and errno on failure, EINPROGRESS for a non-blocking socket (connect(2)) */
    int connect(int fd, byte[] addr, int addrlen) throws LastErrorException;

    /** @return 0; -1 and errno on failure (getsockname(2)) */
    int getsockname(int fd, byte[] addr, IntByReference addrlen) throws LastErrorException;

    /** @return 0; -1 and errno on failure, ENOTCONN when there is no peer (getpeername(2)) */
    int getpeername(int fd, byte[] addr, IntByReference addrlen) throws LastErrorException;

    /** @return bytes queued for sending; -1 and errno on failure (send(2)) */
    long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    /** @return bytes received, 0 at end of stream; -1 and errno on failure (recv(2)) */
    long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    /** @return bytes read, 0 at end of file; -1 and errno on failure (read(2)) */
    long read(int fd, byte[] buf, long count) throws LastErrorException;

    /** @return bytes written; -1 and errno on failure (write(2)) */
    long write(int fd, byte[] buf, long count) throws LastErrorException;

    /** @return 0; -1 and errno on failure (shutdown(2)) */
    int shutdown(int fd, int how) throws LastErrorException;

    /** @return 0; -1 and errno on failure (close(2)); the fd is released even on EINTR on Linux */
    int close(int fd) throws LastErrorException;

    /** @return the lowest free fd, now a copy of {@code oldfd}; -1 and errno on failure (dup(2)) */
    int dup(int oldfd) throws LastErrorException;

    /** @return {@code newfd}; -1 and errno on failure (dup2(2)); closes what {@code newfd} held */
    int dup2(int oldfd, int newfd) throws LastErrorException;

    /** @return depends on {@code cmd}; -1 and errno on failure (fcntl(2), one int argument) */
    int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    /** @return 0; -1 and errno on failure (ioctl(2) with a pointer argument, such as TIOCGWINSZ's struct winsize) */
    int ioctl(int fd, long request, byte[] arg) throws LastErrorException;

    /** @return depends on {@code request}; -1 and errno on failure (ioctl(2) with an integer argument, such as SIOCGSKNS's unused 0) */
    int ioctl(int fd, long request, long arg) throws LastErrorException;

    /** @return 0; -1 and errno on failure (getsockopt(2)); {@code optlen} is in-out */
    int getsockopt(int fd, int level, int optname, byte[] optval, IntByReference optlen) throws LastErrorException;

    /** @return 0; -1 and errno on failure (setsockopt(2)) */
    int setsockopt(int fd, int level, int optname, byte[] optval, int optlen) throws LastErrorException;

    /** @return bytes sent; -1 and errno on failure (sendmsg(2)); {@code msg} is a struct msghdr, see {@link MsgHdr} */
    long sendmsg(int fd, Pointer msg, int flags) throws LastErrorException;

    /** @return messages sent; -1 and errno when none was (sendmmsg(2)); {@code msgvec} is {@code vlen} struct mmsghdr, see {@link MessageBatch} */
    int sendmmsg(int fd, Pointer msgvec, int vlen, int flags) throws LastErrorException;

    /** @return bytes received, 0 at end of stream; -1 and errno on failure (recvmsg(2)); {@code msg} is filled in */
    long recvmsg(int fd, Pointer msg, int flags) throws LastErrorException;

    /** @return the number of fds with events, 0 on timeout; -1 and errno on failure (poll(2)) */
    int poll(byte[] fds, long nfds, int timeoutMs) throws LastErrorException;

    /** @return 0; -1 and errno on failure (pipe2(2)) */
    int pipe2(int[] fds, int flags) throws LastErrorException;

    /** @return a new epoll instance's fd; -1 and errno on failure (epoll_create1(2)) */
    int epoll_create1(int flags) throws LastErrorException;

    /** @return 0; -1 and errno on failure (epoll_ctl(2)); {@code event} is a struct epoll_event, see {@link EpollEvent} */
    int epoll_ctl(int epfd, int op, int fd, byte[] event) throws LastErrorException;

    /** @return how many events were written to {@code events}, 0 on timeout; -1 and errno (epoll_wait(2)) */
    int epoll_wait(int epfd, byte[] events, int maxevents, int timeoutMs) throws LastErrorException;

    /** @return an fd referring to process {@code pid}; -1 and errno on failure (pidfd_open(2), glibc 2.36) */
    int pidfd_open(int pid, int flags) throws LastErrorException;

    /** @return a copy, in this process, of the target's fd {@code targetfd}; -1 and errno (pidfd_getfd(2)) */
    int pidfd_getfd(int pidfd, int targetfd, int flags) throws LastErrorException;

    /**
     * @return 0; -1 and errno on failure (sigaction(2)); {@code act} and {@code oldact} are a
     *         struct sigaction or null, see {@link SignalDisposition}
     */
    int sigaction(int signum, byte[] act, byte[] oldact) throws LastErrorException;

    /** @return a new fd; -1 and errno on failure (open(2)) */
    int open(String path, int flags, int mode) throws LastErrorException;

    /** @return 0 or an option-specific value; -1 and errno on failure (prctl(2)) */
    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** @return 0; -1 and errno on failure (kill(2)) */
    int kill(int pid, int sig) throws LastErrorException;

    /** @return 0; -1 and errno on failure (tgkill(2)): the signal goes to thread {@code tid} of process {@code tgid} alone */
    int tgkill(int tgid, int tid, int sig) throws LastErrorException;

    /** @return the pid that changed state, 0 with WNOHANG when none did; -1 and errno (waitpid(2)) */
    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

    /** @return 0; -1 and errno on failure, EEXIST when the path exists (mkfifo(3)) */
    int mkfifo(String path, int mode) throws LastErrorException;

    /** @return 0; -1 and errno on failure (setns(2)): moves the calling thread into the namespace {@code fd} names */
    int setns(int fd, int nstype) throws LastErrorException;

    /** @return the new session's id; -1 and errno on failure, EPERM for a process group leader (setsid(2)) */
    int setsid() throws LastErrorException;

    /** @return this process's id; never fails (getpid(2)) */
    int getpid();

    /** @return the calling thread's id, as /proc/PID/task/TID names it; never fails (gettid(2)) */
    int gettid();

    /** @return the parent's id, that of a subreaper or init once the parent died; never fails */
    int getppid();

    /** @return the message for an errno value (strerror(3)); the text Java's IOExceptions carry */
    String strerror(int errnum);

    // posix_spawn(3) and its helpers return an error number instead of setting errno.

    /** @return 0, or an error number; {@code pid} receives the child's pid */
    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attrp,
                    StringArray argv, StringArray envp);

    /** @return 0, or an error number */
    int posix_spawn_file_actions_init(Pointer fileActions);

    /** @return 0, or an error number */
    int posix_spawn_file_actions_destroy(Pointer fileActions);

    /** @return 0, or an error number; the child gets {@code newfd} as a copy of {@code fd}, without FD_CLOEXEC */
    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    /** @return 0, or an error number */
    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    /** @return 0, or an error number; glibc 2.34+: the child closes every fd from {@code lowfd} up */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int lowfd);
}
