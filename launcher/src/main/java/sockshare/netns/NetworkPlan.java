package sockshare.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What network a run asks for, before anything is made.
 *
 * @param twoHosts     the peer and the holders in namespaces of their own, joined by a veth pair
 * @param ownNamespace without two hosts: both ends on loopback inside one network namespace of the run
 * @param rate         the link's rate each way, or null; only with two hosts
 * @param peerSettings net.* settings of the peer's namespace; only with two hosts
 */
public record NetworkPlan(boolean twoHosts, boolean ownNamespace, LinkRate rate, Map<String, String> peerSettings) {
    public static final NetworkPlan LOOPBACK = new NetworkPlan(false, null, Map.of());
    public static final NetworkPlan VETH = new NetworkPlan(true, null, Map.of());
    public static final NetworkPlan NETNS = new NetworkPlan(false, true, null, Map.of());

    public NetworkPlan(boolean twoHosts, LinkRate rate, Map<String, String> peerSettings) {
        this(twoHosts, false, rate, peerSettings);
    }

    public NetworkPlan {
        peerSettings = Collections.unmodifiableMap(new LinkedHashMap<>(peerSettings)); // in the order given
    }

    /** Makes the network; {@code bind} is where one host's connections are made. Close it when the run ends. */
    public Network open(InetAddress bind) throws IOException {
        return twoHosts ? TwoHosts.create(rate, peerSettings) : ownNamespace ? PrivateHost.create(bind) : new OneHost(bind);
    }

    /** @return whether the run makes network namespaces, which needs CAP_SYS_ADMIN */
    public boolean namespaces() {
        return twoHosts || ownNamespace;
    }

    /** @return the word --net and the scenario key {@code net:} use */
    public String word() {
        return twoHosts ? "veth" : ownNamespace ? "netns" : "loopback";
    }
}
