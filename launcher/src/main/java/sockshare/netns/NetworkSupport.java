package sockshare.netns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sockshare.procfs.Capabilities;

/**
 * What this machine lets a run build for two hosts, asked of the kernel inside a throwaway
 * namespace of this process, so that the machine's own network is never touched: a network
 * namespace, a veth pair, a tbf rate limit, a netem delay.
 */
public final class NetworkSupport {
    /**
     * One facility and whether the kernel gave it.
     *
     * @param facility netns, veth, tbf or netem
     * @param found    what was made, or the refusal in the tool's own words
     */
    public record Answer(String facility, boolean ok, String found) {
    }

    /** CAP_SYS_ADMIN's bit in /proc/self/status's CapEff: what unshare(CLONE_NEWNET) asks of the caller */
    private static final int CAP_SYS_ADMIN = 21;

    private NetworkSupport() {
    }

    /**
     * @return why this process cannot make the run's network namespaces, or empty when it can; read
     *         from the process's own capabilities, so that nothing is started to find out
     */
    public static Optional<String> refusal() {
        try {
            Optional<Capabilities> caps = Capabilities.ofThisProcess();
            if (caps.isEmpty()) {
                return Optional.of("/proc/self/status names no capabilities");
            }
            return caps.get().has(CAP_SYS_ADMIN) ? Optional.empty()
                    : Optional.of("network namespaces need CAP_SYS_ADMIN, which this user does not have (run as root)");
        } catch (IOException | NumberFormatException e) {
            return Optional.of("this process's capabilities could not be read: " + e.getMessage());
        }
    }

    public static List<Answer> ask() {
        List<Answer> answers = new ArrayList<>();
        try (NetNamespace ns = NetNamespace.create("doctor")) {
            answers.add(new Answer("netns", true, "a network namespace held by a process of the run (pid " + ns.holderPid()
                    + "), loopback up, settings of its own, gone with the run"));
            boolean veth = attempt(answers, "veth", ns, "a veth pair (the link between two hosts)", SystemTool.IP,
                    "link", "add", "doctor0", "type", "veth", "peer", "name", "doctor1");
            String device = veth ? "doctor0" : "lo";
            attempt(answers, "tbf", ns, "a tbf rate limit on a link (--link)", SystemTool.TC,
                    "qdisc", "add", "dev", device, "root", "tbf", "rate", "8mbit", "burst", "3028", "latency", "1000ms");
            attempt(answers, "netem", ns, "a netem delay on a link", SystemTool.TC,
                    "qdisc", "add", "dev", veth ? "doctor1" : "lo", "root", "netem", "delay", "1ms");
        } catch (IOException e) {
            answers.add(new Answer("netns", false, e.getMessage()));
            for (String facility : List.of("veth", "tbf", "netem")) {
                answers.add(new Answer(facility, false, "not tried: no network namespace"));
            }
        }
        return answers;
    }

    private static boolean attempt(List<Answer> answers, String facility, NetNamespace ns, String made, SystemTool tool,
                                   String... args) {
        try {
            ns.run(tool, args);
            answers.add(new Answer(facility, true, made));
            return true;
        } catch (IOException e) {
            answers.add(new Answer(facility, false, e.getMessage()));
            return false;
        }
    }
}
