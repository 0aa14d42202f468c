package sockshare.observe;

import java.util.Map;
import sockshare.netns.Network;
import sockshare.socket.SharedConnection;

/**
 * What an act's observers watch.
 *
 * @param act        the act's number
 * @param connection the act's connection; its holders' fd is still open in the launcher
 * @param pids       each actor's pid (the peer's is the launcher's)
 * @param network    where the two ends live, and so where their kernel tables are asked and their link captured
 */
public record ActSubject(int act, SharedConnection connection, Map<String, Long> pids, Network network) {
}
