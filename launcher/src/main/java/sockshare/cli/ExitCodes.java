package sockshare.cli;

/** What the sockshare command's exit status means. */
public final class ExitCodes {
    /** The experiment ran and every observation matched what was recorded. */
    public static final int OK = 0;
    /** The experiment failed: an observation differed, a deadline passed, or an actor died. */
    public static final int FAILED = 1;
    /** Bad input: a malformed scenario, an unknown option, a missing tool. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
