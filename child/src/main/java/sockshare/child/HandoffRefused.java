package sockshare.child;

/** The socket was not handed over the way the handoff mode promises; the message says how. */
final class HandoffRefused extends Exception {
    HandoffRefused(String message) {
        super(message);
    }
}
