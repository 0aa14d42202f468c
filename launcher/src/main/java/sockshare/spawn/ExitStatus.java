package sockshare.spawn;

/**
 * How a child ended, from its waitpid(2) status.
 *
 * @param code   the exit code, or 128 + the signal number as a shell reports it
 * @param signal the signal that killed it, 0 when it exited
 */
public record ExitStatus(int code, int signal) {
    static ExitStatus decode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? new ExitStatus((status >> 8) & 0xff, 0) : new ExitStatus(128 + signal, signal);
    }

    @Override
    public String toString() {
        String name = signalName();
        return signal != 0 ? "signal " + signal + (name == null ? "" : " (" + name + ")") : "exit status " + code;
    }

    /** @return the signal that killed it by name, as in {@code SIGPIPE}, {@code signal 7} for one not named here */
    public String signalWord() {
        String name = signalName();
        return name != null ? name : "signal " + signal;
    }

    private String signalName() {
        String name = switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return name;
    }
}
