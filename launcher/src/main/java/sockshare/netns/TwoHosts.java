package sockshare.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two hosts on this machine: the holders in one network namespace, the peer in another, each
 * with its own TCP stack and settings, joined by a veth pair. Addresses come from the
 * benchmarking range 198.18.0.0/15 (RFC 2544) and exist only inside the two namespaces, whose
 * only routes are loopback and the /30 between them: nothing can leave this machine, and
 * nothing of the run appears in the machine's own namespace. Both ends of the link go with the
 * namespaces. With a rate, tbf limits each direction, so that data spends measurable time queued
 * and on the wire.
 */
public final class TwoHosts extends NamespacedNetwork {
    public static final String HOLDERS_ADDRESS = "198.18.0.1";
    public static final String PEER_ADDRESS = "198.18.0.2";
    private static final int PREFIX = 30;
    /** The link's two ends, each in its own namespace; the names are private to the namespaces. */
    static final String HOLDERS_LINK = "veth-holders";
    static final String PEER_LINK = "veth-peer";

    private final String description;

    private TwoHosts(NetNamespace holders, NetNamespace peer, String description) {
        super(holders, peer);
        this.description = description;
    }

    /**
     * @param rate         each direction's rate, or null for the link's own speed
     * @param peerSettings net.* settings for the peer's namespace only, in order
     */
    public static TwoHosts create(LinkRate rate, Map<String, String> peerSettings) throws IOException {
        NetNamespace holders = NetNamespace.create("holders");
        NetNamespace peer = null;
        try {
            peer = NetNamespace.create("peer");
            holders.run(SystemTool.IP, "link", "add", HOLDERS_LINK, "type", "veth", "peer", "name", PEER_LINK,
                    "netns", String.valueOf(peer.holderPid()));
            up(holders, HOLDERS_LINK, HOLDERS_ADDRESS, rate);
            up(peer, PEER_LINK, PEER_ADDRESS, rate);
            for (Map.Entry<String, String> setting : peerSettings.entrySet()) {
                peer.sysctl(setting.getKey(), setting.getValue());
            }
            List<String> parts = new ArrayList<>();
            parts.add("holders " + HOLDERS_ADDRESS + " (net:[" + holders.inode() + "]) ↔ peer " + PEER_ADDRESS
                    + " (net:[" + peer.inode() + "]) over a veth pair");
            if (rate != null) {
                parts.add("tbf " + rate.text() + " each way");
            }
            peerSettings.forEach((k, v) -> parts.add("peer's " + k + " = " + v));
            return new TwoHosts(holders, peer, "two hosts: " + String.join(", ", parts));
        } catch (IOException | RuntimeException e) {
            if (peer != null) {
                peer.close();
            }
            holders.close();
            throw e;
        }
    }

    private static void up(NetNamespace ns, String link, String address, LinkRate rate) throws IOException {
        ns.run(SystemTool.IP, "address", "add", address + "/" + PREFIX, "dev", link);
        if (rate != null) {
            ns.run(SystemTool.TC, "qdisc", "add", "dev", link, "root", "tbf", "rate", rate.bitsPerSecond() + "bit",
                    "burst", String.valueOf(rate.burstBytes()), "latency", rate.queueMillis() + "ms");
        }
        ns.run(SystemTool.IP, "link", "set", link, "up");
    }

    @Override
    public InetAddress holdersAddress() {
        return address(HOLDERS_ADDRESS);
    }

    /** @return the peer's address, the source of its connections */
    public InetAddress peerAddress() {
        return address(PEER_ADDRESS);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a literal is never looked up
        }
    }

    @Override
    public String captureDevice() {
        return HOLDERS_LINK;
    }

    @Override
    public String description() {
        return description;
    }
}
