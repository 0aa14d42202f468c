package sockshare.libc;

/** Linux values of the libc constants sockshare passes (x86_64 and aarch64 agree on these). */
public interface LibCConstants {
    int AF_UNIX = 1;
    int AF_INET = 2;
    int AF_INET6 = 10;
    int AF_NETLINK = 16;

    int SOCK_STREAM = 1;
    int SOCK_DGRAM = 2;
    int SOCK_SEQPACKET = 5;
    int SOCK_NONBLOCK = 0x800;
    int SOCK_CLOEXEC = 0x80000;

    int SHUT_RD = 0;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;

    int MSG_PEEK = 0x2;
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;
    int MSG_CTRUNC = 0x8;
    int MSG_CMSG_CLOEXEC = 0x40000000;
    /** cmsg_type of a control message carrying fds, at level SOL_SOCKET */
    int SCM_RIGHTS = 1;

    int SOL_SOCKET = 1;
    int SO_TYPE = 3;
    int SO_ERROR = 4;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_LINGER = 13;
    int SO_REUSEADDR = 2;
    int SO_ACCEPTCONN = 30;
    /** takes a struct timeval (16 bytes on LP64); a blocking recv then fails with EAGAIN when it passes */
    int SO_RCVTIMEO = 20;
    int IPPROTO_TCP = 6;
    int TCP_INFO = 11;

    /** netlink protocol of socket(AF_NETLINK, ...) for the kernel's socket tables (linux/sock_diag.h) */
    int NETLINK_SOCK_DIAG = 4;
    /** nlmsg_type of a sock_diag request; the reply carries the same type */
    short SOCK_DIAG_BY_FAMILY = 20;
    /** nlmsg_type of a netlink error report: an int error (a negative errno), then the request's header */
    short NLMSG_ERROR = 2;
    short NLM_F_REQUEST = 1;

    int F_GETFD = 1;
    int F_SETFD = 2;
    int F_GETFL = 3;

    /** ioctl(2) request for a terminal's struct winsize {rows, columns, x pixels, y pixels}, unsigned shorts */
    long TIOCGWINSZ = 0x5413;
    /** ioctl(2) request on a socket: an fd of the network namespace the socket belongs to (linux/sockios.h) */
    long SIOCGSKNS = 0x894C;
    int F_SETFL = 4;
    int F_DUPFD_CLOEXEC = 1030;
    int FD_CLOEXEC = 1;

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    /** open(2) of a terminal: it does not become the caller's controlling terminal */
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;

    short POLLIN = 0x1;
    short POLLPRI = 0x2;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;
    short POLLRDHUP = 0x2000;

    int EPOLL_CLOEXEC = 0x80000;
    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    /** epoll's event bits are poll's (EPOLLIN = POLLIN, ...), and these two of its own */
    int EPOLLEXCLUSIVE = 1 << 28;
    int EPOLLET = 1 << 31;

    int SO_REUSEPORT = 15;

    int PR_SET_PDEATHSIG = 1;
    int PR_SET_NAME = 15;
    /** orphaned descendants are re-parented to the caller, which must reap them, instead of to init */
    int PR_SET_CHILD_SUBREAPER = 36;

    /** setns(2)'s nstype for a network namespace */
    int CLONE_NEWNET = 0x40000000;

    int SIGKILL = 9;
    int SIGPIPE = 13;
    int SIGTERM = 15;
    int SIGCONT = 18;
    int SIGSTOP = 19;

    int WNOHANG = 1;
}
