package sockshare.libc.jnalog;

/**
 * The levels JNA's classes log at, in place of {@code java.util.logging.Level} (see
 * {@link JnaLogger}), in JUL's order: exactly the ones they name.
 */
public enum JnaLevel {
    FINER, FINE, INFO, WARNING, SEVERE;

    /** What JUL's default configuration prints: INFO and above. */
    boolean printed() {
        return compareTo(INFO) >= 0;
    }
}
