package sockshare.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Both ends on loopback inside one network namespace of the run: the kernel's TCP as on this
 * machine, with settings of its own ({@link #sysctl}) that the machine never sees, gone with the run.
 */
public final class PrivateHost implements Network {
    private final NetNamespace ns;
    private final InetAddress loopback;

    private PrivateHost(NetNamespace ns, InetAddress loopback) {
        this.ns = ns;
        this.loopback = loopback;
    }

    /** @param loopback 127.0.0.1 or ::1: the namespace has only loopback */
    public static PrivateHost create(InetAddress loopback) throws IOException {
        return new PrivateHost(NetNamespace.create("host"), loopback);
    }

    @Override
    public InetAddress holdersAddress() {
        return loopback;
    }

    @Override
    public <T> T asHolders(Callable<T> work) throws IOException {
        return ns.call(work);
    }

    @Override
    public <T> T asPeer(Callable<T> work) throws IOException {
        return ns.call(work);
    }

    @Override
    public void enterPeer() throws IOException {
        ns.enter();
    }

    @Override
    public List<String> toolPrefix() throws IOException {
        return ns.nsenter();
    }

    @Override
    public String captureDevice() {
        return "lo";
    }

    @Override
    public void sysctl(String key, String value) throws IOException {
        ns.sysctl(key, value);
    }

    @Override
    public String description() {
        return "a network namespace of the run (net:[" + ns.inode() + "]), both ends on its loopback " + loopback.getHostAddress();
    }

    @Override
    public void close() {
        ns.close();
    }
}
