package sockshare.report;

/** A JSON Lines file that is not a sockshare run; the message names the file and line. */
public final class UnreadableRecording extends Exception {
    public UnreadableRecording(String message) {
        super(message);
    }
}
