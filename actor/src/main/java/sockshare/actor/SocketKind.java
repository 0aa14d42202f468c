package sockshare.actor;

import java.util.Locale;

/**
 * What the shared socket is: a TCP connection over loopback, an AF_UNIX stream socketpair, or
 * a listening TCP socket that the peer connects clients to.
 */
public enum SocketKind {
    TCP, UNIX_PAIR, LISTENER;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the kind spelled {@code word}, or null */
    public static SocketKind parse(String word) {
        for (SocketKind kind : values()) {
            if (kind.word().equals(word)) {
                return kind;
            }
        }
        return null;
    }
}
