package sockshare.cli;

import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockshare.actor.Api;
import sockshare.model.RunOptions;
import sockshare.netns.LinkRate;
import sockshare.netns.NamespaceException;
import sockshare.netns.NetNamespace;
import sockshare.netns.NetworkPlan;
import sockshare.netns.NetworkSupport;
import sockshare.netns.TwoHosts;
import sockshare.scenario.NetKind;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.actor.Handoff;

/** The options every command that runs an experiment takes. */
final class RunSettings {
    // The defaults are the fields' initial values too: a command line read without picocli (TypedRun) starts from them
    private static final String HANDOFF = "stdin";
    private static final String API = "libc";
    private static final int STEP_TIMEOUT_MS = 2000;
    private static final int TIMEOUT_SECONDS = 120;

    @Option(names = "--handoff", paramLabel = "MODE", defaultValue = HANDOFF,
            description = "how children get the socket: stdin (spawned with it at fd 0, System.inheritedChannel(), the inetd way), listen-fds (at fd 3, LISTEN_FDS, the systemd way) or scm-rights (a warm pool of children started beforehand, passed it with SCM_RIGHTS). With stdin and listen-fds the first act's children stay and are passed each later act's socket with SCM_RIGHTS (see --fresh-children); default ${DEFAULT-VALUE}")
    String handoff = HANDOFF;

    @Option(names = "--fresh-children",
            description = "with stdin or listen-fds: spawn new children for every act, each with its act's socket, instead of passing the later acts' sockets to the first act's children")
    boolean freshChildren;

    @Option(names = "--children", paramLabel = "N", description = "how many children hold the socket (1 to 64); default: the scenario's")
    Integer children;

    @Option(names = "--api", paramLabel = "LEVEL", defaultValue = API,
            description = "the level of the children's operations: libc (the syscall on the fd) or java (the JDK's SocketChannel); default ${DEFAULT-VALUE}")
    String api = API;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the events as JSON Lines to FILE")
    Path json;

    @Option(names = "--report", paramLabel = "FILE", description = "also write a self-contained HTML report to FILE")
    Path report;

    @Option(names = "--strace", description = "run each child under strace and show, under each step, the syscalls it made on the socket")
    boolean strace;

    @Option(names = "--capture", description = "capture the connection's segments with tcpdump and show FIN, RST and data on the timeline")
    boolean capture;

    @Option(names = "--kernel-trace", description = "record the kernel's TCP state changes and resets of the connection (tracefs, as root)")
    boolean kernelTrace;

    @Option(names = "--verbose", description = "also say what each look at the kernel (holders, TCP states) cost")
    boolean verbose;

    @Option(names = "--family", paramLabel = "FAMILY",
            description = "inet (127.0.0.1) or inet6 (::1); default: the --bind address's, else inet")
    String family;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "make the connection on this local address instead of loopback")
    String bind;

    @Option(names = "--net", paramLabel = "KIND",
            description = "loopback (both ends on this machine's own stack), veth (two hosts: the peer and the holders each in a network namespace of the run, 198.18.0.2 and 198.18.0.1, joined by a veth pair) or netns (both ends on the loopback of one network namespace of the run, with settings of its own); default: the scenario's net:, else loopback")
    String net;

    @Option(names = "--link", paramLabel = "RATE", description = "with --net veth: limit the link to RATE each way with tbf, e.g. 8mbit")
    String link;

    @Option(names = "--peer-sysctl", paramLabel = "KEY=VALUE",
            description = "with --net veth: a net.* setting of the peer's namespace only, e.g. net.ipv4.tcp_rmem=\"4096 16384 65536\"; repeatable")
    List<String> peerSysctls = new ArrayList<>();

    @Option(names = "--step-timeout", paramLabel = "MS", defaultValue = "" + STEP_TIMEOUT_MS,
            description = "how long a step may take beyond its own recv timeout; default ${DEFAULT-VALUE}")
    int stepTimeoutMs = STEP_TIMEOUT_MS;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "" + TIMEOUT_SECONDS, description = "how long the whole run may take; default ${DEFAULT-VALUE}")
    int timeoutSeconds = TIMEOUT_SECONDS;

    @Mixin
    DebugOption debug = new DebugOption();

    RunOptions toOptions() throws BadInput {
        Handoff h = OptionValues.handoff(handoff, Handoff.values());
        if (freshChildren && h == Handoff.SCM_RIGHTS) {
            throw new BadInput("--fresh-children: scm-rights passes every act's socket to children started beforehand;"
                    + " fresh children are spawned with it, by --handoff stdin or listen-fds");
        }
        Api a = OptionValues.api(api);
        if (children != null) {
            OptionValues.inRange("--children", children, 1, ScenarioParser.MAX_CHILDREN, "");
        }
        OptionValues.stepTimeout(stepTimeoutMs);
        OptionValues.inRange("--timeout", timeoutSeconds, 1, 3600, " s");
        NetworkPlan plan = networkPlan(null);
        return new RunOptions(h, children == null ? 0 : children, a, address(), Duration.ofMillis(stepTimeoutMs),
                spawnDeadline(), Duration.ofSeconds(timeoutSeconds), "veth".equals(net) ? plan
                : "netns".equals(net) ? NetworkPlan.NETNS : NetworkPlan.LOOPBACK);
    }

    /**
     * @return {@code options} with the network {@code scenario} asks for ({@code net: veth} or
     *         {@code netns}) unless --net chose one; refuses --link and --peer-sysctl where there is no link
     */
    RunOptions forScenario(RunOptions options, Scenario scenario) throws BadInput {
        NetKind kind = net(scenario);
        if (kind != NetKind.VETH && (link != null || !peerSysctls.isEmpty())) {
            throw new BadInput((link != null ? "--link" : "--peer-sysctl") + ": there is no link on " + kind.word()
                    + "; add --net veth");
        }
        if (kind != NetKind.LOOPBACK) {
            Optional<String> refusal = NetworkSupport.refusal();
            if (refusal.isPresent()) {
                throw new BadInput(scenario.name() + " runs in network namespaces of the run here (net: " + kind.word()
                        + "), and " + refusal.get());
            }
        }
        return kind == NetKind.VETH ? options.withNet(networkPlan(scenario.link()))
                : kind == NetKind.NETNS ? options.withNet(NetworkPlan.NETNS) : options;
    }

    /** @return where {@code scenario}'s ends live: --net, else the scenario's {@code net:} */
    NetKind net(Scenario scenario) {
        return net == null ? scenario.net() : NetKind.parse(net);
    }

    /** @return two hosts with the link's rate (--link, else {@code otherwise}) and the peer's settings */
    private NetworkPlan networkPlan(LinkRate otherwise) throws BadInput {
        if (net != null && NetKind.parse(net) == null) {
            throw new BadInput("--net " + net + ": expected loopback, veth or netns");
        }
        if ("veth".equals(net) && (bind != null || "inet6".equals(family))) {
            throw new BadInput((bind != null ? "--bind " + bind : "--family inet6") + ": with --net veth the ends are "
                    + TwoHosts.HOLDERS_ADDRESS + " and " + TwoHosts.PEER_ADDRESS + ", in namespaces of the run");
        }
        if ("netns".equals(net) && bind != null) {
            throw new BadInput("--bind " + bind + ": with --net netns both ends are on the loopback of a namespace of the run");
        }
        LinkRate rate = otherwise;
        if (link != null) {
            try {
                rate = LinkRate.parse(link);
            } catch (IllegalArgumentException e) {
                throw new BadInput("--link " + link + ": " + e.getMessage());
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : peerSysctls) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new BadInput("--peer-sysctl " + setting + ": expected KEY=VALUE, e.g. net.ipv4.tcp_rmem=\"4096 16384 65536\"");
            }
            String key = setting.substring(0, eq).strip();
            String value = setting.substring(eq + 1).strip();
            try {
                NetNamespace.checkSetting(key, value);
            } catch (NamespaceException e) {
                throw new BadInput("--peer-sysctl " + e.getMessage());
            }
            settings.put(key, value);
        }
        return new NetworkPlan(true, rate, settings);
    }

    /** 64 JVMs starting at once on two cores take many seconds: the deadline grows with the count. */
    private Duration spawnDeadline() {
        return Duration.ofSeconds(20 + (children == null ? 0 : children / 2));
    }

    private InetAddress address() throws BadInput {
        if (family != null && !family.equals("inet") && !family.equals("inet6")) {
            throw new BadInput("--family " + family + ": expected inet or inet6");
        }
        if (bind == null) {
            try {
                return InetAddress.getByName("inet6".equals(family) ? "::1" : "127.0.0.1");
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!isLiteral(bind)) {
            // a name would mean a DNS lookup, which can hang, and an address chosen by someone else
            throw new BadInput("--bind " + bind + ": expected a numeric address of this machine, such as 127.0.0.1 or ::1");
        }
        try {
            InetAddress a = InetAddress.getByName(bind);
            if (a.isAnyLocalAddress()) {
                throw new BadInput("--bind " + bind + ": the wildcard address would reach every interface; give one address of this machine");
            }
            if (a.isMulticastAddress() || isBroadcast(a)) {
                throw new BadInput("--bind " + bind + ": a broadcast or multicast address, which no socket can connect to;"
                        + " give one unicast address of this machine");
            }
            if (a.isLinkLocalAddress() && a instanceof Inet6Address) {
                // the kernel refuses it in bind with EINVAL once the children run; say why before any is spawned
                throw new BadInput("--bind " + bind + ": a link-local IPv6 address needs a scope id (an interface),"
                        + " which --bind does not take; give ::1 or a global address of this machine");
            }
            if (!a.isLoopbackAddress() && NetworkInterface.getByInetAddress(a) == null) {
                throw new BadInput("--bind " + bind + ": not an address of this machine");
            }
            boolean v6 = a instanceof Inet6Address;
            if (family != null && v6 != family.equals("inet6")) {
                throw new BadInput("--bind " + bind + ": an " + (v6 ? "IPv6" : "IPv4") + " address, but --family " + family
                        + " asks for " + (v6 ? "IPv4" : "IPv6") + " (leave --family out: --bind decides)");
            }
            return a;
        } catch (UnknownHostException | SocketException e) {
            throw new BadInput("--bind " + bind + ": " + e.getMessage());
        }
    }

    /** Whether {@code a} is the all-ones host part of a subnet of this machine, as 127.255.255.255 is of lo's 127.0.0.0/8. */
    private static boolean isBroadcast(InetAddress a) throws SocketException {
        byte[] bytes = a.getAddress();
        if (bytes.length != 4) {
            return false;
        }
        int value = ByteBuffer.wrap(bytes).getInt();
        if (value == -1) {
            return true;
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InterfaceAddress ia : nic.getInterfaceAddresses()) {
                byte[] own = ia.getAddress().getAddress();
                int prefix = ia.getNetworkPrefixLength();
                if (own.length == 4 && prefix > 0 && prefix < 31) {
                    int hostMask = -1 >>> prefix;
                    int ownValue = ByteBuffer.wrap(own).getInt();
                    if ((ownValue & ~hostMask) == (value & ~hostMask) && (value & hostMask) == hostMask) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isLiteral(String address) {
        if (address.contains(":")) {
            return address.matches("[0-9A-Fa-f:.]+");
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
