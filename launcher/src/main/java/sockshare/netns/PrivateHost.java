package sockshare.netns;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Both ends on loopback inside one network namespace of the run: the kernel's TCP as on this
 * machine, with settings of its own ({@link #sysctl}) that the machine never sees, gone with the run.
 */
public final class PrivateHost extends NamespacedNetwork {
    private final InetAddress loopback;

    private PrivateHost(NetNamespace ns, InetAddress loopback) {
        super(ns, ns);
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
    public String captureDevice() {
        return "lo";
    }

    @Override
    public String description() {
        return "a network namespace of the run (net:[" + holders().inode() + "]), both ends on its loopback " + loopback.getHostAddress();
    }
}
