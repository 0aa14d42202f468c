package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sockshare.libc.EventBits;

/**
 * What may follow an operation's word in a scenario step or at the console ({@code shutdown RDWR},
 * {@code send "hi"}, {@code recv 5s}, {@code send-bulk 32MiB}, {@code poll IN|OUT 100ms}): read into
 * the argument a {@link Command} carries and the step's own timeout, and written back the same way.
 *
 * <p>Each kind of grammar is a class of its own (the anonymous ones below), not a pair of lambdas:
 * {@link Op}'s table makes them at its class initialisation, on every JVM's way to its first step,
 * where JDK 17 would link each lambda through its bootstrap method, interpreted (see {@link Op}).
 */
public abstract class OpGrammar {
    /** The longest a step may wait; a step's timeout is at most this. */
    public static final long MAX_WAIT_MS = 60_000;
    public static final int MAX_SEND_BYTES = 65_536;
    public static final long MAX_BULK_BYTES = 64L << 20;
    public static final int MAX_LINGER_S = 3_600;

    /** What followed the operation's word, read. */
    public record Parsed(String arg, Long timeoutMs) {
    }

    private final String shape;

    private OpGrammar(String shape) {
        this.shape = shape;
    }

    /**
     * @param rest what follows the operation's word, stripped; null when nothing does
     * @throws IllegalArgumentException with what is wrong in one line, naming the grammar
     */
    public abstract Parsed parse(String rest);

    /** @return the argument as a step writes it after the operation's word, or null when it takes none */
    public String write(String arg) {
        return arg == null ? null : written(arg);
    }

    /**
     * @return {@code arg}, not null, as a step writes it (as it is held, unless the grammar says
     *         otherwise), or null when the grammar writes nothing
     */
    String written(String arg) {
        return arg;
    }

    /** @return the grammar as messages show it: {@code RD, WR or RDWR} */
    public String shape() {
        return shape;
    }

    /** Nothing follows the word. */
    static OpGrammar none() {
        return new OpGrammar("nothing") {
            @Override
            public Parsed parse(String rest) {
                if (rest != null) {
                    throw new IllegalArgumentException("takes no argument; found '" + rest + "'");
                }
                return new Parsed(null, null);
            }

            @Override
            String written(String arg) {
                return null;
            }
        };
    }

    /**
     * One of {@code words}, in any case, with or without {@code prefix} ({@code SHUT_RDWR}); held
     * and written as given in {@code words}.
     *
     * @param optional whether nothing may follow the word instead
     */
    static OpGrammar oneOf(String prefix, boolean optional, String... words) {
        return new OpGrammar((optional ? "nothing, " : "") + or(List.of(words))) {
            @Override
            public Parsed parse(String rest) {
                if (rest == null && optional) {
                    return new Parsed(null, null);
                }
                String given = rest == null ? "" : rest.toUpperCase(Locale.ROOT);
                for (String w : words) {
                    String upper = w.toUpperCase(Locale.ROOT);
                    if (given.equals(upper) || given.equals(prefix + upper)) {
                        return new Parsed(w, null);
                    }
                }
                throw found(shape(), rest);
            }
        };
    }

    /** A count of things, 1 to {@code max}: not a time or a size, so it has no unit. */
    static OpGrammar count(int max) {
        return new OpGrammar("a number from 1 to " + max) {
            @Override
            public Parsed parse(String rest) {
                if (rest == null || !rest.matches("\\d{1,9}") || Integer.parseInt(rest) < 1 || Integer.parseInt(rest) > max) {
                    throw found(shape(), rest);
                }
                return new Parsed(Integer.toString(Integer.parseInt(rest)), null);
            }
        };
    }

    /** Another child, by its letter: {@code A}. */
    static OpGrammar child() {
        return new OpGrammar("the child whose epoll set to take, as in 'epoll-take A'") {
            @Override
            public Parsed parse(String rest) {
                if (rest == null || !rest.matches("[A-Z]")) {
                    throw new IllegalArgumentException("names " + shape() + "; found '" + (rest == null ? "" : rest) + "'");
                }
                return new Parsed(rest, null);
            }
        };
    }

    /** Text to send: the rest of the line, or text in double quotes with the escapes {@link QuotedText} reads. */
    static OpGrammar text() {
        return new OpGrammar("the text to send, as in: send \"hello\"") {
            @Override
            public Parsed parse(String rest) {
                if (rest == null || rest.isEmpty()) {
                    throw new IllegalArgumentException("needs " + shape());
                }
                String text = rest;
                if (rest.startsWith("\"")) {
                    if (rest.length() < 2 || !rest.endsWith("\"")) {
                        throw new IllegalArgumentException("has quoted text with no closing quote");
                    }
                    text = QuotedText.read(rest.substring(1, rest.length() - 1));
                }
                if (text.getBytes(StandardCharsets.UTF_8).length > MAX_SEND_BYTES) {
                    throw new IllegalArgumentException("takes at most " + MAX_SEND_BYTES + " bytes of text");
                }
                return new Parsed(text, null);
            }

            @Override
            String written(String arg) {
                return "\"" + Wire.printable(arg) + "\"";
            }
        };
    }

    /** A time in whole seconds, {@code 5s} ({@code 0} needs no unit): held as the number of seconds. */
    static OpGrammar seconds(int max) {
        return new OpGrammar("a time in seconds, 0 to " + max + "s") {
            @Override
            public Parsed parse(String rest) {
                long ms = millis(shape(), rest, 0, max * 1000L);
                if (ms % 1000 != 0) {
                    throw found(shape(), rest);
                }
                return new Parsed(Long.toString(ms / 1000), null);
            }

            @Override
            String written(String arg) {
                return arg.equals("0") ? "0" : arg + "s";
            }
        };
    }

    /**
     * A bulk transfer's {@link BulkPlan}: a size when {@code sized} ({@code 32MiB}), then optionally
     * {@code by 16 bytes} and {@code stall 300ms}.
     */
    static OpGrammar bulk(boolean sized, long max) {
        String size = "a size such as 32MiB or 1000 bytes, up to " + (max >> 20) + "MiB";
        String options = "'by SIZE' (1 to " + BulkPlan.MAX_CHUNK + " bytes a send or read) and 'stall TIME' ("
                + BulkPlan.MIN_QUIET_MS + "ms to " + BulkPlan.MAX_QUIET_MS / 1000 + "s with nothing moving)";
        return new OpGrammar(sized ? size + ", then optionally " + options : "nothing, or " + options) {
            @Override
            public Parsed parse(String rest) {
                try {
                    return new Parsed(BulkPlan.written(rest, sized, max).held(), null);
                } catch (IllegalArgumentException e) {
                    boolean sizeAlone = rest == null || !rest.matches(".*\\b(by|stall)\\b.*");
                    throw found(sized && sizeAlone ? size : shape(), rest);
                }
            }

            @Override
            String written(String arg) {
                return BulkPlan.held(arg).written();
            }
        };
    }

    /** Optionally, how long the call may wait, {@code 5s}: the step's timeout. */
    static OpGrammar timeout() {
        return new OpGrammar("nothing or how long to wait, such as 500ms or 5s") {
            @Override
            public Parsed parse(String rest) {
                return new Parsed(null, rest == null ? null : millis(shape(), rest, 1, MAX_WAIT_MS));
            }

            @Override
            String written(String arg) {
                return null;
            }
        };
    }

    /**
     * poll(2)'s events by name joined with {@code |} ({@code IN|RDHUP}, with or without {@code POLL}),
     * then optionally how long to wait ({@code 100ms}; 0, only look, when not given).
     * Held as the names, {@code POLLIN|POLLRDHUP}.
     */
    static OpGrammar pollEvents() {
        return new OpGrammar("events such as IN|OUT|RDHUP, then how long to wait, such as 100ms") {
            @Override
            public Parsed parse(String rest) {
                String[] words = rest == null ? new String[0] : rest.split("\\s+");
                if (words.length < 1 || words.length > 2) {
                    throw found(shape(), rest);
                }
                int events = 0;
                for (String name : words[0].split("\\|")) {
                    int bit = pollEvent(name);
                    if (bit == 0) {
                        throw new IllegalArgumentException("takes " + shape() + "; '" + name + "' is none of "
                                + String.join(", ", pollEventNames()));
                    }
                    events |= bit;
                }
                long timeout = words.length < 2 ? 0 : millis(shape(), words[1], 0, MAX_WAIT_MS);
                return new Parsed(EventBits.poll(events), timeout);
            }

            @Override
            String written(String arg) {
                return arg.replace("POLL", "");
            }
        };
    }

    /** @return the poll(2) event bit named {@code name} ({@code IN}, {@code pollin}), or 0 */
    public static int pollEvent(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (int bit : new int[] {POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP}) {
            String known = EventBits.poll(bit);
            if (known.equals(upper) || known.equals("POLL" + upper)) {
                return bit;
            }
        }
        return 0;
    }

    /** @return poll(2)'s event names without their POLL, as the grammar takes them: {@code IN}, {@code RDHUP} */
    public static List<String> pollEventNames() {
        List<String> names = new ArrayList<>();
        for (int bit : new int[] {POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP}) {
            names.add(EventBits.poll(bit).substring("POLL".length()));
        }
        return names;
    }

    /** @return the time {@code rest} writes, {@code min} to {@code max} ms, or the grammar's one-line refusal */
    private static long millis(String shape, String rest, long min, long max) {
        if (rest == null) {
            throw new IllegalArgumentException("takes " + shape);
        }
        try {
            return Units.millis(rest, min, max);
        } catch (IllegalArgumentException e) {
            throw found(shape, rest);
        }
    }

    private static IllegalArgumentException found(String shape, String rest) {
        return new IllegalArgumentException("takes " + shape + "; found '" + (rest == null ? "" : rest) + "'");
    }

    private static String or(List<String> words) {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
