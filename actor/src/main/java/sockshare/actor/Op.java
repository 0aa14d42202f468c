package sockshare.actor;

import java.util.Locale;

/** The operations an actor performs on its reference to the shared socket. */
public enum Op {
    CLOSE, SHUTDOWN, SEND, RECV,
    /** Asks the kernel for this end's TCP state (getsockopt TCP_INFO); changes nothing. */
    STATE,
    /** Sets or clears O_NONBLOCK, a flag of the open file description every holder shares. */
    NONBLOCK,
    /** Sets SO_LINGER {on, seconds}, an option of the socket every holder shares. */
    LINGER,
    /** Reads O_NONBLOCK and SO_LINGER as this holder sees them; changes nothing. */
    FLAGS,
    /** Makes a second fd in this process for the same socket (dup(2)); {@code close dup} closes it. */
    DUP,
    /** A deliberate misuse of shutdown(2), to show the errno the kernel answers it with. */
    MISUSE,
    /** Java only: configureBlocking(false) and register the channel with a Selector, which is kept open. */
    REGISTER,
    /** Sends N bytes as fast as the socket takes them, until all are sent or the timeout passes. */
    SEND_BULK,
    /** Reads until end of stream or the timeout, counting the bytes. */
    RECV_ALL,
    /** A server's loop: reads, sends back upper-cased what it read, until end of stream or the timeout. */
    ECHO_UPPER,
    /** A child's accept(2) on a shared listening socket, then the new client's greeting. */
    ACCEPT,
    /** The peer connects a new client to the shared listening socket; later peer steps use that client. */
    CONNECT,
    /** Adds the shared socket to this actor's epoll set (made on first use); {@code et} or {@code exclusive} add that flag. */
    EPOLL_ADD,
    /** EPOLL_CTL_DEL of the shared socket's fd number from this actor's epoll set. */
    EPOLL_DEL,
    /** epoll_wait(2) on this actor's epoll set: which events it reports, or nothing by the timeout. */
    EPOLL_WAIT,
    /** Takes another child's epoll instance with pidfd_getfd(2): from then on both wait on one epoll set. */
    EPOLL_TAKE,
    /** Reads this process's SIGPIPE disposition; {@code default} gives SIGPIPE back its default action, death. */
    SIGPIPE,
    /** send(2) with no flags: without MSG_NOSIGNAL, a send on a socket that cannot send raises SIGPIPE. */
    SEND_PLAIN,
    /** A child of a thundering herd: serves connections on the listener, counting wake-ups; see Herd. */
    HERD,
    /** The peer connects N clients one at a time, each waiting for the name of the child that accepted it. */
    CONNECT_SERIAL;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return whether the operation can wait, so that its step's timeout bounds it */
    public boolean waits() {
        return this == RECV || this == SEND_BULK || this == RECV_ALL || this == ECHO_UPPER || this == ACCEPT
                || this == CONNECT || this == EPOLL_WAIT || this == HERD || this == CONNECT_SERIAL;
    }

    /** @return the operation spelled {@code word}, or null */
    public static Op parse(String word) {
        for (Op op : values()) {
            if (op.word().equals(word)) {
                return op;
            }
        }
        return null;
    }
}
