package sockshare.netns;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A network whose ends are made in network namespaces of the run: the holders' in one, the
 * peer's in one (the same one for {@link PrivateHost}). Where each end's work runs, where tools
 * run and whose settings change follow from the two namespaces alone.
 */
abstract class NamespacedNetwork implements Network {
    private final NetNamespace holders;
    private final NetNamespace peer;

    NamespacedNetwork(NetNamespace holders, NetNamespace peer) {
        this.holders = holders;
        this.peer = peer;
    }

    public NetNamespace holders() {
        return holders;
    }

    public NetNamespace peer() {
        return peer;
    }

    @Override
    public <T> T asHolders(Callable<T> work) throws IOException {
        return holders.call(work);
    }

    @Override
    public <T> T asPeer(Callable<T> work) throws IOException {
        return peer.call(work);
    }

    @Override
    public void enterPeer() throws IOException {
        peer.enter();
    }

    @Override
    public List<String> toolPrefix() throws IOException {
        return holders.nsenter();
    }

    @Override
    public void sysctl(String key, String value) throws IOException {
        holders.sysctl(key, value);
    }

    @Override
    public void close() {
        if (peer != holders) {
            peer.close();
        }
        holders.close();
    }
}
