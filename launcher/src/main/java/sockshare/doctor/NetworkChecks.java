package sockshare.doctor;

import java.util.List;
import java.util.Map;
import sockshare.netns.NetworkSupport;

/**
 * The machine's answers for two hosts (--net veth), as findings: none is needed for loopback
 * experiments, and netem (a fixed delay or loss) is reported for what it is, used by nothing.
 */
final class NetworkChecks {
    private static final Map<String, String> DISABLES = Map.of(
            "netns", "two hosts on one machine (--net veth) and experiments in a private network namespace",
            "veth", "two hosts on one machine (--net veth)",
            "tbf", "a link with a rate (--link RATE)");

    private NetworkChecks() {
    }

    static List<Finding> all() {
        return NetworkSupport.ask().stream()
                .map(a -> a.ok() ? Finding.pass(a.facility(), false, a.found())
                        : Finding.fail(a.facility(), false, a.found(), DISABLES.get(a.facility())))
                .toList();
    }
}
