package sockshare.scenario;

import java.util.Locale;

/**
 * Where a scenario's two ends live: both on this machine's loopback; the peer and the holders
 * each in a network namespace of the run, joined by a veth pair (two hosts); or both on the
 * loopback of one network namespace of the run, whose settings the run may change (netns).
 */
public enum NetKind {
    LOOPBACK, VETH, NETNS;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the kind spelled {@code word}, or null */
    public static NetKind parse(String word) {
        for (NetKind kind : values()) {
            if (kind.word().equals(word)) {
                return kind;
            }
        }
        return null;
    }
}
