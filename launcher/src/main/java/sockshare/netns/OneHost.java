package sockshare.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;

/** Both ends on this machine's own stack, on {@code address}: loopback unless the user named another. */
public record OneHost(InetAddress holdersAddress) implements Network {
    @Override
    public <T> T asHolders(Callable<T> work) throws IOException {
        return Network.here(work);
    }

    @Override
    public <T> T asPeer(Callable<T> work) throws IOException {
        return Network.here(work);
    }

    @Override
    public void enterPeer() {
        // the peer's threads are already here
    }

    @Override
    public List<String> toolPrefix() {
        return List.of();
    }

    @Override
    public String captureDevice() {
        return holdersAddress.isLoopbackAddress() ? "lo" : "any";
    }

    @Override
    public void sysctl(String key, String value) throws NamespaceException {
        throw new NamespaceException("sysctl " + key + "=" + value + ": that would change this machine's own setting;"
                + " sockshare changes settings only inside a network namespace of the run (net: netns or veth)");
    }

    @Override
    public String description() {
        return null;
    }

    @Override
    public void close() {
        // nothing was made
    }
}
