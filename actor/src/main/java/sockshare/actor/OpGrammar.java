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
 */
public interface OpGrammar {
    /** The longest a step may wait; a step's timeout is at most this. */
    long MAX_WAIT_MS = 60_000;
    int MAX_SEND_BYTES = 65_536;
    long MAX_BULK_BYTES = 64L << 20;
    int MAX_LINGER_S = 3_600;

    /** What followed the operation's word, read. */
    record Parsed(String arg, Long timeoutMs) {
    }

    /**
     * @param rest what follows the operation's word, stripped; null when nothing does
     * @throws IllegalArgumentException with what is wrong in one line, naming the grammar
     */
    Parsed parse(String rest);

    /** @return the argument as a step writes it after the operation's word, or null when it takes none */
    String write(String arg);

    /** @return the grammar as messages show it: {@code RD, WR or RDWR} */
    String shape();

    /** Nothing follows the word. */
    static OpGrammar none() {
        return grammar("nothing", rest -> {
            if (rest != null) {
                throw new IllegalArgumentException("takes no argument; found '" + rest + "'");
            }
            return new Parsed(null, null);
        }, arg -> null);
    }

    /**
     * One of {@code words}, in any case, with or without {@code prefix} ({@code SHUT_RDWR}); held
     * and written as given in {@code words}.
     *
     * @param optional whether nothing may follow the word instead
     */
    static OpGrammar oneOf(String prefix, boolean optional, String... words) {
        String shape = (optional ? "nothing, " : "") + or(List.of(words));
        return grammar(shape, rest -> {
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
            throw found(shape, rest);
        }, arg -> arg);
    }

    /** A count of things, 1 to {@code max}: not a time or a size, so it has no unit. */
    static OpGrammar count(int max) {
        String shape = "a number from 1 to " + max;
        return grammar(shape, rest -> {
            if (rest == null || !rest.matches("\\d{1,9}") || Integer.parseInt(rest) < 1 || Integer.parseInt(rest) > max) {
                throw found(shape, rest);
            }
            return new Parsed(Integer.toString(Integer.parseInt(rest)), null);
        }, arg -> arg);
    }

    /** Another child, by its letter: {@code A}. */
    static OpGrammar child() {
        String shape = "the child whose epoll set to take, as in 'epoll-take A'";
        return grammar(shape, rest -> {
            if (rest == null || !rest.matches("[A-Z]")) {
                throw new IllegalArgumentException("names " + shape + "; found '" + (rest == null ? "" : rest) + "'");
            }
            return new Parsed(rest, null);
        }, arg -> arg);
    }

    /** Text to send: the rest of the line, or text in double quotes with the escapes {@link QuotedText} reads. */
    static OpGrammar text() {
        String shape = "the text to send, as in: send \"hello\"";
        return grammar(shape, rest -> {
            if (rest == null || rest.isEmpty()) {
                throw new IllegalArgumentException("needs " + shape);
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
        }, arg -> "\"" + Wire.printable(arg) + "\"");
    }

    /** A time in whole seconds, {@code 5s} ({@code 0} needs no unit): held as the number of seconds. */
    static OpGrammar seconds(int max) {
        String shape = "a time in seconds, 0 to " + max + "s";
        return grammar(shape, rest -> {
            long ms = quantity(shape, rest, () -> Units.millis(rest, 0, max * 1000L));
            if (ms % 1000 != 0) {
                throw found(shape, rest);
            }
            return new Parsed(Long.toString(ms / 1000), null);
        }, arg -> arg.equals("0") ? "0" : arg + "s");
    }

    /** A size with its unit, {@code 32MiB}: held as the number of bytes. */
    static OpGrammar size(long max) {
        String shape = "a size such as 32MiB or 1000 bytes, up to " + (max >> 20) + "MiB";
        return grammar(shape, rest -> new Parsed(Long.toString(quantity(shape, rest, () -> Units.bytes(rest, 1, max))), null),
                arg -> Long.parseLong(arg) % (1 << 20) == 0 ? (Long.parseLong(arg) >> 20) + "MiB" : arg + " bytes");
    }

    /**
     * A bulk transfer's {@link BulkPlan}: a size when {@code sized} ({@code 32MiB}), then optionally
     * {@code by 16 bytes} and {@code stall 300ms}.
     */
    static OpGrammar bulk(boolean sized, long max) {
        String size = "a size such as 32MiB or 1000 bytes, up to " + (max >> 20) + "MiB";
        String options = "'by SIZE' (1 to " + BulkPlan.MAX_CHUNK + " bytes a send or read) and 'stall TIME' ("
                + BulkPlan.MIN_QUIET_MS + "ms to " + BulkPlan.MAX_QUIET_MS / 1000 + "s with nothing moving)";
        String shape = sized ? size + ", then optionally " + options : "nothing, or " + options;
        return grammar(shape, rest -> {
            try {
                return new Parsed(BulkPlan.written(rest, sized, max).held(), null);
            } catch (IllegalArgumentException e) {
                boolean sizeAlone = rest == null || !rest.matches(".*\\b(by|stall)\\b.*");
                throw found(sized && sizeAlone ? size : shape, rest);
            }
        }, arg -> BulkPlan.held(arg).written());
    }

    /** Optionally, how long the call may wait, {@code 5s}: the step's timeout. */
    static OpGrammar timeout() {
        String shape = "nothing or how long to wait, such as 500ms or 5s";
        return grammar(shape, rest -> new Parsed(null, rest == null ? null : quantity(shape, rest,
                () -> Units.millis(rest, 1, MAX_WAIT_MS))), arg -> null);
    }

    /**
     * poll(2)'s events by name joined with {@code |} ({@code IN|RDHUP}, with or without {@code POLL}),
     * then optionally how long to wait ({@code 100ms}; 0, only look, when not given).
     * Held as the names, {@code POLLIN|POLLRDHUP}.
     */
    static OpGrammar pollEvents() {
        String shape = "events such as IN|OUT|RDHUP, then how long to wait, such as 100ms";
        return grammar(shape, rest -> {
            String[] words = rest == null ? new String[0] : rest.split("\\s+");
            if (words.length < 1 || words.length > 2) {
                throw found(shape, rest);
            }
            int events = 0;
            for (String name : words[0].split("\\|")) {
                int bit = pollEvent(name);
                if (bit == 0) {
                    throw new IllegalArgumentException("takes " + shape + "; '" + name + "' is none of "
                            + String.join(", ", pollEventNames()));
                }
                events |= bit;
            }
            long timeout = words.length < 2 ? 0 : quantity(shape, words[1], () -> Units.millis(words[1], 0, MAX_WAIT_MS));
            return new Parsed(EventBits.poll(events), timeout);
        }, arg -> arg.replace("POLL", ""));
    }

    /** @return the poll(2) event bit named {@code name} ({@code IN}, {@code pollin}), or 0 */
    static int pollEvent(String name) {
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
    static List<String> pollEventNames() {
        List<String> names = new ArrayList<>();
        for (int bit : new int[] {POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP}) {
            names.add(EventBits.poll(bit).substring("POLL".length()));
        }
        return names;
    }

    private static long quantity(String shape, String rest, java.util.function.LongSupplier read) {
        if (rest == null) {
            throw new IllegalArgumentException("takes " + shape);
        }
        try {
            return read.getAsLong();
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

    private static OpGrammar grammar(String shape, java.util.function.Function<String, Parsed> parse,
                                     java.util.function.UnaryOperator<String> write) {
        return new OpGrammar() {
            @Override
            public Parsed parse(String rest) {
                return parse.apply(rest);
            }

            @Override
            public String write(String arg) {
                return arg == null ? null : write.apply(arg);
            }

            @Override
            public String shape() {
                return shape;
            }
        };
    }
}
