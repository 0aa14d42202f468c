package sockshare.actor;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way events and commands become fields and come back: the control channel sends these
 * fields as {@link Json} lines, the JSON Lines file holds them (launcher/src/main/resources/
 * schema/sockshare-run.schema.json says each kind's fields), and {@code render} reads them back.
 * Values stay values: an outcome is its word, an errno its name and number, received bytes their
 * base64 (with {@code data}, the same bytes as UTF-8 text, for people and scripts; it is not read
 * back). A field whose value is absent is left out.
 */
public final class Codec {
    /** The version of the fields written here; a JSON Lines file's run line carries it. */
    public static final int SCHEMA_VERSION = 3;

    private Codec() {
    }

    public static Map<String, Object> encode(Event event) {
        Fields f = new Fields().put("kind", event.kind());
        if (event instanceof CallResult c) {
            f.times(c).put("tid", c.tid()).who(c).put("seq", c.seq()).call(c.op(), c.api(), c.arg())
                    .put("outcome", c.outcome().word()).errno(c.errno()).put("bytes", c.bytes());
            Answer a = c.answer();
            if (a.received() != null) {
                f.put("received_b64", Base64.getEncoder().encodeToString(a.received())).put("data", a.receivedText());
            }
            f.put("state", a.state() == null ? null : a.state().word());
            if (a.flags() != null) {
                Map<String, Object> flags = new LinkedHashMap<>();
                flags.put("nonblocking", a.flags().nonblocking());
                if (a.flags().lingerSeconds() != null) {
                    flags.put("linger_s", a.flags().lingerSeconds());
                }
                f.put("flags", flags);
            }
            f.put("peer", a.peer()).put("epoll_events", a.epollEvents()).put("disposition", a.disposition())
                    .put("signal", a.signal()).put("poll_events", a.pollEvents()).put("pending_error", a.pendingError());
            if (a.stall() != null) {
                Map<String, Object> stall = new LinkedHashMap<>();
                stall.put("quiet_ms", a.stall().quietMs());
                stall.put("peer_window", a.stall().peerWindow());
                stall.put("own_window", a.stall().ownWindow());
                stall.put("sndbuf", a.stall().sendBuffer());
                stall.put("rcvbuf", a.stall().receiveBuffer());
                f.put("stall", stall);
            }
            f.put("detail", c.detail());
        } else if (event instanceof Waiting w) {
            f.put("t_ns", w.tNs()).put("tid", w.tid()).who(w).put("seq", w.seq()).call(w.op(), w.api(), w.arg())
                    .put("call", w.call());
        } else if (event instanceof Count n) {
            f.put("t_ns", n.tNs()).who(n).put("seq", n.seq()).put("op", n.op().word()).put("counter", n.counter())
                    .put("value", n.value());
        } else if (event instanceof Life l) {
            f.put("t_ns", l.tNs()).who(l).put("stage", l.stage().word()).put("socket_fd", l.socketFd() < 0 ? null : l.socketFd())
                    .put("signal", l.signal()).put("detail", l.detail());
        } else if (event instanceof HoldersSeen h) {
            List<Object> holders = new ArrayList<>();
            for (HoldersSeen.Holder holder : h.holders()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("actor", holder.actor());
                one.put("pid", holder.pid());
                one.put("fd", holder.fd());
                holders.add(one);
            }
            f.times(h).who(h).put("seq", h.seq()).put("moment", h.moment()).put("inode", h.inode()).put("holders", holders)
                    .put("failure", h.failure()).put("detail", h.detail());
        } else if (event instanceof TcpEndsSeen t) {
            List<Object> ends = new ArrayList<>();
            for (TcpEndsSeen.TcpEnd end : t.ends()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("end", end.side().word());
                if (end.state() != null) {
                    one.put("state", end.state().word());
                }
                one.put("held", end.held());
                one.put("rx_queue", end.rxQueue());
                one.put("tx_queue", end.txQueue());
                ends.add(one);
            }
            f.times(t).who(t).put("seq", t.seq()).put("moment", t.moment()).put("ends", ends)
                    .put("failure", t.failure()).put("detail", t.detail());
        } else if (event instanceof WireSegment s) {
            f.put("t_ns", s.tNs()).who(s).put("from", s.from().word())
                    .put("flags", s.flags().stream().map(WireSegment.Flag::word).toList()).put("bytes", s.length())
                    .put("detail", s.detail());
        } else if (event instanceof KernelTrace k) {
            f.put("t_ns", k.tNs()).who(k).put("task", k.task()).put("point", k.point().word())
                    .put("end", k.side() == null ? null : k.side().word()).put("port", k.port())
                    .put("from", k.from() == null ? null : k.from().word()).put("to", k.to() == null ? null : k.to().word())
                    .put("reason", k.reason()).put("detail", k.detail());
        } else if (event instanceof SyscallSeen s) {
            f.times(s).put("tid", s.tid()).who(s).put("seq", s.seq()).put("name", s.name()).put("text", s.text())
                    .errno(s.errno());
        } else if (event instanceof Unseen u) {
            f.put("t_ns", u.tNs()).who(u).put("of", u.of()).put("why", u.why());
        } else if (event instanceof Figure g) {
            f.put("t_ns", g.tNs()).who(g).put("scenario", g.scenario()).put("row", g.row()).put("column", g.column())
                    .put("value", g.value()).put("unit", g.unit()).put("trial", g.trial() > 0 ? g.trial() : null)
                    .put("detail", g.detail());
        }
        return f.map;
    }

    /**
     * @return the event {@code fields} hold, as {@link #encode} wrote them; fields it does not
     *         know (a JSON Lines file's {@code act}, {@code t_us}, {@code data}) are left alone
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Event decode(Map<String, ?> fields) {
        Read r = new Read(fields);
        String kind = r.text("kind");
        switch (kind) {
            case CallResult.KIND: {
                String b64 = r.optionalText("received_b64");
                String state = r.optionalText("state");
                Map<String, ?> flags = r.optionalObject("flags");
                Map<String, ?> stall = r.optionalObject("stall");
                return new CallResult(r.number("t_start_ns"), r.number("t_ns"), r.number("tid"), r.text("actor"),
                        r.number("pid"), (int) r.number("seq"), r.op(), r.api(), r.optionalText("arg"),
                        r.known("outcome", Outcome.parse(r.text("outcome"))), r.errno(), r.number("bytes"),
                        new Answer(b64 == null ? null : decodeBase64(b64),
                                state == null ? null : r.state("state"),
                                flags == null ? null : new SharedFlags(new Read(flags).bool("nonblocking"),
                                        flags.get("linger_s") == null ? null : (int) new Read(flags).number("linger_s")),
                                r.optionalText("peer"), fields.get("epoll_events") == null ? null : (int) r.number("epoll_events"),
                                r.optionalText("disposition"), r.optionalText("signal"),
                                fields.get("poll_events") == null ? null : (int) r.number("poll_events"),
                                fields.get("pending_error") == null ? null : (int) r.number("pending_error"),
                                stall == null ? null : stall(new Read(stall))),
                        r.optionalText("detail"));
            }
            case Waiting.KIND:
                return new Waiting(r.number("t_ns"), r.text("actor"), r.number("pid"), r.number("tid"), (int) r.number("seq"),
                        r.op(), r.api(), r.optionalText("arg"), r.text("call"));
            case Count.KIND:
                return new Count(r.number("t_ns"), r.text("actor"), r.number("pid"), (int) r.number("seq"),
                        r.op(), r.text("counter"), r.number("value"));
            case Life.KIND:
                return new Life(r.number("t_ns"), r.text("actor"), r.number("pid"),
                        r.known("stage", Life.Stage.parse(r.text("stage"))),
                        fields.get("socket_fd") == null ? -1 : (int) r.number("socket_fd"), r.optionalText("signal"),
                        r.optionalText("detail"));
            case HoldersSeen.KIND: {
                List<HoldersSeen.Holder> holders = new ArrayList<>();
                for (Map<String, ?> h : r.objects("holders")) {
                    Read one = new Read(h);
                    holders.add(new HoldersSeen.Holder(one.text("actor"), one.number("pid"), (int) one.number("fd")));
                }
                return new HoldersSeen(r.number("t_start_ns"), r.number("t_ns"), r.number("pid"), (int) r.number("seq"),
                        r.text("moment"), fields.get("inode") == null ? null : r.number("inode"), holders,
                        r.optionalText("failure"), r.optionalText("detail"));
            }
            case TcpEndsSeen.KIND: {
                List<TcpEndsSeen.TcpEnd> ends = new ArrayList<>();
                for (Map<String, ?> e : r.objects("ends")) {
                    Read one = new Read(e);
                    ends.add(new TcpEndsSeen.TcpEnd(one.side("end"), e.get("state") == null ? null : one.state("state"),
                            one.bool("held"), one.number("rx_queue"), one.number("tx_queue")));
                }
                return new TcpEndsSeen(r.number("t_start_ns"), r.number("t_ns"), r.number("pid"), (int) r.number("seq"),
                        r.text("moment"), ends, r.optionalText("failure"), r.optionalText("detail"));
            }
            case WireSegment.KIND: {
                List<WireSegment.Flag> flags = new ArrayList<>();
                for (Object word : r.list("flags")) {
                    WireSegment.Flag flag = WireSegment.Flag.parse(String.valueOf(word));
                    if (flag == null) {
                        throw new IllegalArgumentException("unknown TCP flag \"" + word + "\"");
                    }
                    flags.add(flag);
                }
                return new WireSegment(r.number("t_ns"), r.side("from"), flags, r.number("bytes"), r.optionalText("detail"));
            }
            case KernelTrace.KIND:
                return new KernelTrace(r.number("t_ns"), r.number("pid"), r.text("task"),
                        r.known("point", KernelTrace.Point.parse(r.text("point"))),
                        fields.get("end") == null ? null : r.side("end"),
                        (int) r.number("port"),
                        fields.get("from") == null ? null : r.state("from"),
                        fields.get("to") == null ? null : r.state("to"), r.optionalText("reason"),
                        r.optionalText("detail"));
            case SyscallSeen.KIND:
                return new SyscallSeen(r.number("t_start_ns"), r.number("t_ns"), r.text("actor"), r.number("pid"),
                        r.number("tid"), (int) r.number("seq"), r.text("name"), r.text("text"), r.errno());
            case Unseen.KIND:
                return new Unseen(r.number("t_ns"), r.text("of"), r.text("actor"), r.number("pid"), r.text("why"));
            case Figure.KIND:
                return new Figure(r.number("t_ns"), r.text("scenario"), r.text("row"), r.text("column"), r.decimal("value"),
                        r.text("unit"), fields.get("trial") == null ? 0 : (int) r.number("trial"), r.optionalText("detail"));
            default:
                throw new IllegalArgumentException("unknown event kind \"" + kind + "\"");
        }
    }

    /** @return the fields of a command sent on the control channel */
    public static Map<String, Object> encode(Command c) {
        return new Fields().put("type", "command").put("seq", c.seq()).call(c.op(), c.api(), c.arg())
                .put("timeout_ms", c.timeoutMs()).map;
    }

    public static Command command(Map<String, ?> fields) {
        Read r = new Read(fields);
        return new Command((int) r.number("seq"), r.op(), r.api(), r.optionalText("arg"), (int) r.number("timeout_ms"));
    }

    private static Stall stall(Read r) {
        return new Stall((int) r.number("quiet_ms"), r.number("peer_window"), r.number("own_window"), (int) r.number("sndbuf"),
                (int) r.number("rcvbuf"));
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"received_b64\" is not base64: " + e.getMessage());
        }
    }

    /** Fields in the order they are put, absent values left out. */
    private static final class Fields {
        final Map<String, Object> map = new LinkedHashMap<>();

        Fields put(String key, Object value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        Fields times(Event e) {
            return put("t_start_ns", e.tStartNs()).put("t_ns", e.tNs());
        }

        Fields who(Event e) {
            return put("actor", e.actor()).put("pid", e.pid());
        }

        Fields call(Op op, Api api, String arg) {
            return put("op", op.word()).put("api", api.word()).put("arg", arg);
        }

        Fields errno(ErrorCode errno) {
            if (errno != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", errno.name());
                e.put("number", errno.number());
                put("errno", e);
            }
            return this;
        }
    }

    /** Reads fields, saying which one is missing or of the wrong type. */
    private static final class Read {
        private final Map<String, ?> m;

        Read(Map<String, ?> m) {
            this.m = m;
        }

        private Object required(String key) {
            Object v = m.get(key);
            if (v == null) {
                throw new IllegalArgumentException("no \"" + key + "\" field");
            }
            return v;
        }

        String text(String key) {
            Object v = required(key);
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("\"" + key + "\" is not text");
            }
            return s;
        }

        String optionalText(String key) {
            return m.get(key) == null ? null : text(key);
        }

        long number(String key) {
            Object v = required(key);
            if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
                throw new IllegalArgumentException("\"" + key + "\" is not a whole number");
            }
            return n.longValue();
        }

        double decimal(String key) {
            Object v = required(key);
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("\"" + key + "\" is not a number");
            }
            return n.doubleValue();
        }

        boolean bool(String key) {
            Object v = required(key);
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException("\"" + key + "\" is not true or false");
            }
            return b;
        }

        /**
         * @param parsed field {@code key}'s text parsed as a word, null when it names none: the caller
         *               parses, not a method reference passed here, which JDK 17 links at its first use,
         *               a launcher's first results and a child's first command
         * @return {@code parsed}
         */
        <T> T known(String key, T parsed) {
            if (parsed == null) {
                throw new IllegalArgumentException("unknown " + key + " \"" + text(key) + "\"");
            }
            return parsed;
        }

        /*
         * The words read in more than one place, each read by its own key: a caller that names the
         * key once cannot read one field's text and report another's.
         */

        Op op() {
            return known("op", Op.parse(text("op")));
        }

        Api api() {
            return known("api", Api.parse(text("api")));
        }

        TcpState state(String key) {
            return known(key, TcpState.parse(text(key)));
        }

        TcpEndsSeen.Side side(String key) {
            return known(key, TcpEndsSeen.Side.parse(text(key)));
        }

        List<?> list(String key) {
            Object v = required(key);
            if (!(v instanceof List<?> l)) {
                throw new IllegalArgumentException("\"" + key + "\" is not a list");
            }
            return l;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, ?>> objects(String key) {
            List<Map<String, ?>> out = new ArrayList<>();
            for (Object item : list(key)) {
                if (!(item instanceof Map)) {
                    throw new IllegalArgumentException("an item of \"" + key + "\" is not an object");
                }
                out.add((Map<String, ?>) item);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        Map<String, ?> optionalObject(String key) {
            Object v = m.get(key);
            if (v != null && !(v instanceof Map)) {
                throw new IllegalArgumentException("\"" + key + "\" is not an object");
            }
            return (Map<String, ?>) v;
        }

        ErrorCode errno() {
            Map<String, ?> e = optionalObject("errno");
            if (e == null) {
                return null;
            }
            Read r = new Read(e);
            return new ErrorCode(r.text("name"), (int) r.number("number"));
        }
    }
}
