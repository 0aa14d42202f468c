package sockshare.actor;

import java.util.List;
import java.util.Locale;

/**
 * One TCP segment of the connection as the capture saw it on the wire.
 *
 * @param from   the end that sent it
 * @param flags  its flags, in the order {@link Flag} lists them
 * @param length its payload's length in bytes
 * @param detail the capture's own line and how its time was put on the timeline
 */
public record WireSegment(long tNs, TcpEndsSeen.Side from, List<Flag> flags, long length, String detail) implements Event {
    public static final String KIND = "packet";
    /** The actor segments carry: they are on the wire, in no process. */
    public static final String WIRE = "wire";

    /** A TCP header flag, as tcpdump writes it and as a reader names it. */
    public enum Flag {
        SYN('S'), FIN('F'), RST('R'), PSH('P'), ACK('.');

        private final char letter;

        Flag(char letter) {
            this.letter = letter;
        }

        /** @return the flags tcpdump's {@code Flags [...]} letters name, in this enum's order */
        public static List<Flag> ofLetters(String letters) {
            return java.util.Arrays.stream(values()).filter(f -> letters.indexOf(f.letter) >= 0).toList();
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Flag parse(String word) {
            for (Flag f : values()) {
                if (f.word().equals(word)) {
                    return f;
                }
            }
            return null;
        }
    }

    public WireSegment {
        flags = List.copyOf(flags);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String actor() {
        return WIRE;
    }

    @Override
    public long pid() {
        return 0;
    }

    public TcpEndsSeen.Side to() {
        return from == TcpEndsSeen.Side.HOLDERS ? TcpEndsSeen.Side.PEER : TcpEndsSeen.Side.HOLDERS;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** @return the flags as words, {@code FIN ACK} */
    public String flagWords() {
        return String.join(" ", flags.stream().map(Flag::name).toList());
    }

    /** @return {@code holders' end → peer's end: FIN ACK, 0 bytes} */
    public String describe() {
        return from.words() + " → " + to().words() + ": " + flagWords() + ", " + length + " bytes";
    }
}
