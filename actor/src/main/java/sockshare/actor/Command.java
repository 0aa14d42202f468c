package sockshare.actor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation sent to one actor. {@code arg} is the shutdown direction (RD, WR, RDWR), the
 * text to send, {@code blocking} for a plain recv(2), {@code dup} for closing the copy (or
 * {@code socket} for closing through the java.net.Socket adaptor),
 * {@code on}/{@code off} for nonblock, the seconds for linger, or the misuse's name;
 * {@code timeoutMs} bounds a recv.
 */
public record Command(int seq, Op op, Api api, String arg, int timeoutMs) {
    /** The recv argument for a plain recv(2) with no poll(2) first. */
    public static final String BLOCKING = "blocking";
    /** The close argument for closing the copy {@link Op#DUP} made. */
    public static final String DUP = "dup";
    /** The Java close argument for closing through the channel's java.net.Socket adaptor. */
    public static final String SOCKET = "socket";

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
                return api == Api.JAVA ? "read()" : BLOCKING.equals(arg) ? "recv() plain" : "recv()";
            case STATE:
                return "tcp state";
            case NONBLOCK:
                return api == Api.JAVA ? "configureBlocking(" + "off".equals(arg) + ")"
                        : "fcntl(F_SETFL, " + ("on".equals(arg) ? "" : "~") + "O_NONBLOCK)";
            case LINGER:
                return "setsockopt(SO_LINGER, {on, " + arg + "})";
            case FLAGS:
                return "flags";
            case DUP:
                return "dup()";
            case MISUSE:
                return "misuse " + arg;
            case REGISTER:
                return "register(selector)";
            case SEND_BULK:
                return "send-bulk(" + arg + " bytes)";
            case RECV_ALL:
                return "recv until eof";
            case ECHO_UPPER:
                return "echo upper-cased";
            case ACCEPT:
                return "accept()";
            case CONNECT:
                return "connect()";
            case EPOLL_ADD:
                return "epoll_ctl(EPOLL_CTL_ADD" + (arg == null ? "" : ", EPOLL" + arg.toUpperCase(java.util.Locale.ROOT)) + ")";
            case EPOLL_DEL:
                return "epoll_ctl(EPOLL_CTL_DEL)";
            case EPOLL_WAIT:
                return "epoll_wait()";
            case EPOLL_TAKE:
                return "pidfd_getfd(epoll of pid " + arg + ")";
            case SIGPIPE:
                return arg == null ? "SIGPIPE disposition" : "sigaction(SIGPIPE, SIG_DFL)";
            case HERD:
                return "herd(" + arg + ")";
            case CONNECT_SERIAL:
                return "connect " + arg.substring(arg.lastIndexOf(' ') + 1) + " clients, one at a time";
            case SEND_PLAIN:
                return "send(\"" + Wire.printable(arg) + "\", 0)";
            default:
                if (DUP.equals(arg)) {
                    return "close(dup)";
                }
                if (SOCKET.equals(arg)) {
                    return "socket().close()";
                }
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
