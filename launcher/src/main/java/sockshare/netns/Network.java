package sockshare.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Where a run's two ends live: both on this machine's own stack ({@link OneHost}), or each in a
 * network namespace of its own joined by a veth pair ({@link TwoHosts}). The holders' end is
 * made with {@link #asHolders}, the peer's with {@link #asPeer}; once made, a socket stays in
 * its namespace whichever thread or process uses its fd, so the fds are handed on as always.
 */
public interface Network extends AutoCloseable {
    /** @return the address the holders' end is bound to, where the peer connects */
    InetAddress holdersAddress();

    /** Runs {@code work} where the holders' sockets (and their sock_diag socket) are made. */
    <T> T asHolders(Callable<T> work) throws IOException;

    /** Runs {@code work} where the peer's sockets (and their sock_diag socket) are made. */
    <T> T asPeer(Callable<T> work) throws IOException;

    /** Moves the calling thread, one of the peer's own that ends with its step, to where the peer's sockets are made. */
    void enterPeer() throws IOException;

    /** @return the words before a capture tool's own, so that it runs where the holders' end is: none on one host */
    List<String> toolPrefix() throws IOException;

    /** @return the interface a capture of the connection listens on */
    String captureDevice();

    /**
     * Sets a net.* setting where the holders' sockets are made, never on this machine's own
     * stack: only a network namespace of the run has settings the run may change.
     */
    void sysctl(String key, String value) throws IOException;

    /** @return one line for reports, or null when the run is on this machine's own stack */
    String description();

    @Override
    void close();

    /** Runs {@code work} here, its checked exceptions as IOException. */
    static <T> T here(Callable<T> work) throws IOException {
        try {
            return work.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
