package sockshare.observe;

/** A tool an option needs is not installed; the message is one line saying how to install it. */
public final class MissingTool extends Exception {
    public MissingTool(String message) {
        super(message);
    }
}
