package sockshare.actor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing that happened, stamped with CLOCK_MONOTONIC ({@code System.nanoTime()} on Linux,
 * which every process on the machine shares, so events from several JVMs merge into one
 * timeline). {@code tStartNs} is taken just before the syscall, {@code tNs} just after it.
 *
 * @param kind   {@code op} for an operation, {@code life} for a process starting or ending,
 *               {@code note} for something the launcher observed
 * @param seq    the step number this event answers, 0 when it answers none
 * @param errno  the errno name when the kernel returned one, else null
 * @param data   received text for a recv, else null
 * @param detail what a reader needs to trust the line: the syscalls made, poll's revents
 */
public record Event(String kind, long tNs, long tStartNs, String actor, long pid, int seq, String op,
                    String api, String arg, Outcome outcome, String errno, int bytes, String data,
                    String detail) {

    public static Event life(String actor, long pid, String op, String detail) {
        long now = System.nanoTime();
        return new Event("life", now, now, actor, pid, 0, op, null, null, Outcome.OK, null, 0, null, detail);
    }

    /** A process's death by {@code signal} (its name, as in {@code SIGPIPE}), which the event carries as data. */
    public static Event died(String actor, long pid, String signal, String detail) {
        long now = System.nanoTime();
        return new Event("life", now, now, actor, pid, 0, "died", null, null, Outcome.OK, null, 0, signal, detail);
    }

    /**
     * @param command the call the process was in when it died
     * @param death   the {@code died} life event, whose data names the signal
     * @return the death as the call's result
     */
    public static Event killed(Command command, Event death) {
        return new Event("op", death.tNs(), death.tNs(), death.actor(), death.pid(), command.seq(), command.op().word(),
                command.api().word(), command.arg(), Outcome.KILLED, null, 0, death.data(), death.detail());
    }

    public Event withDetail(String newDetail) {
        return new Event(kind, tNs, tStartNs, actor, pid, seq, op, api, arg, outcome, errno, bytes, data, newDetail);
    }

    /** @return the result as a reader would say it: {@code eof}, {@code 6 bytes}, {@code EPIPE} */
    public String result() {
        switch (outcome) {
            case BYTES:
                return data != null && op.equals("recv") ? "\"" + Wire.printable(data) + "\"" : bytes + " bytes";
            case ERROR:
                return errno != null ? errno : "error";
            case OK:
                return data != null ? data : "ok";
            case KILLED:
                return "killed by " + data;
            default:
                return outcome.word();
        }
    }

    public Map<String, String> toWire() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", "event");
        m.put("kind", kind);
        m.put("t_ns", Long.toString(tNs));
        m.put("t_start_ns", Long.toString(tStartNs));
        m.put("actor", actor == null ? "" : actor);
        m.put("pid", Long.toString(pid));
        m.put("seq", Integer.toString(seq));
        m.put("op", op);
        put(m, "api", api);
        put(m, "arg", arg);
        m.put("outcome", outcome.word());
        put(m, "errno", errno);
        m.put("bytes", Integer.toString(bytes));
        put(m, "data", data);
        put(m, "detail", detail);
        return m;
    }

    public static Event fromWire(Map<String, String> m) {
        return new Event(m.get("kind"), Long.parseLong(m.get("t_ns")), Long.parseLong(m.get("t_start_ns")),
                m.get("actor"), Long.parseLong(m.get("pid")), Integer.parseInt(m.get("seq")), m.get("op"),
                m.get("api"), m.get("arg"), Outcome.parse(m.get("outcome")), m.get("errno"),
                Integer.parseInt(m.get("bytes")), m.get("data"), m.get("detail"));
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
