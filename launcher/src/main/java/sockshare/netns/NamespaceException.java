package sockshare.netns;

import java.io.IOException;

/** A network namespace, link or setting could not be made; the message says which and why, in one line. */
public final class NamespaceException extends IOException {
    public NamespaceException(String message) {
        super(message);
    }
}
