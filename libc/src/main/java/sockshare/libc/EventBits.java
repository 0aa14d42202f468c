package sockshare.libc;

import static sockshare.libc.LibCConstants.*;

/**
 * poll(2) and epoll(7) event bits by name. Apart from {@link Syscalls}, whose first use loads
 * JNA and libc: a scenario's {@code poll IN|RDHUP} is parsed, and a recording's events named,
 * by commands ({@code list}, {@code explain}, {@code render}) that make no call into libc.
 */
public final class EventBits {
    private EventBits() {
    }

    /** @return epoll(7) event bits by name, as in {@code EPOLLIN|EPOLLRDHUP|EPOLLET} */
    public static String epoll(int events) {
        String bits = poll(events & ~(EPOLLET | EPOLLEXCLUSIVE)).replace("POLL", "EPOLL");
        return bits + ((events & EPOLLEXCLUSIVE) != 0 ? "|EPOLLEXCLUSIVE" : "") + ((events & EPOLLET) != 0 ? "|EPOLLET" : "");
    }

    /** @return poll(2) event bits by name, as in {@code POLLIN|POLLRDHUP} */
    public static String poll(int events) {
        StringBuilder sb = new StringBuilder();
        if ((events & POLLIN) != 0) sb.append("POLLIN|");
        if ((events & POLLPRI) != 0) sb.append("POLLPRI|");
        if ((events & POLLOUT) != 0) sb.append("POLLOUT|");
        if ((events & POLLERR) != 0) sb.append("POLLERR|");
        if ((events & POLLHUP) != 0) sb.append("POLLHUP|");
        if ((events & POLLNVAL) != 0) sb.append("POLLNVAL|");
        if ((events & POLLRDHUP) != 0) sb.append("POLLRDHUP|");
        return sb.length() == 0 ? "0" : sb.substring(0, sb.length() - 1);
    }
}
