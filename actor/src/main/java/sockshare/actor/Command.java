package sockshare.actor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation sent to one actor. {@code arg} is the shutdown direction (RD, WR, RDWR) or
 * the text to send; {@code timeoutMs} bounds a recv.
 */
public record Command(int seq, Op op, Api api, String arg, int timeoutMs) {

    public Map<String, String> toWire() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", "command");
        m.put("seq", Integer.toString(seq));
        m.put("op", op.word());
        m.put("api", api.word());
        m.put("arg", arg == null ? "" : arg);
        m.put("timeout", Integer.toString(timeoutMs));
        return m;
    }

    public static Command fromWire(Map<String, String> m) {
        String arg = m.getOrDefault("arg", "");
        return new Command(Integer.parseInt(m.get("seq")), Op.parse(m.get("op")), Api.parse(m.get("api")),
                arg.isEmpty() ? null : arg, Integer.parseInt(m.getOrDefault("timeout", "0")));
    }

    /** @return the operation as a reader would write the call, as in {@code shutdown(SHUT_RDWR)} */
    public String display() {
        switch (op) {
            case SHUTDOWN:
                return api == Api.JAVA ? javaShutdown(arg) : "shutdown(SHUT_" + arg + ")";
            case SEND:
                return (api == Api.JAVA ? "write" : "send") + "(\"" + Wire.printable(arg) + "\")";
            case RECV:
                return api == Api.JAVA ? "read()" : "recv()";
            case STATE:
                return "tcp state";
            default:
                return api == Api.JAVA ? "channel.close()" : "close()";
        }
    }

    private static String javaShutdown(String how) {
        switch (how) {
            case "RD": return "shutdownInput()";
            case "WR": return "shutdownOutput()";
            default: return "shutdownInput()+shutdownOutput()";
        }
    }
}
