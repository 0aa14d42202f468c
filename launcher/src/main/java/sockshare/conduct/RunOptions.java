package sockshare.conduct;

import java.net.InetAddress;
import java.time.Duration;
import sockshare.actor.Api;
import sockshare.actor.Handoff;

/**
 * How to run a scenario.
 *
 * @param children     how many children hold the socket, or 0 for the scenario's own count
 * @param api          the level of the children's operations where a step does not name one
 * @param bind         the address the connection is made on: loopback unless the user says otherwise
 * @param stepDeadline how long a step may take beyond its own recv timeout
 * @param spawnDeadline how long a child may take to start and say hello
 * @param runDeadline  how long the whole run may take
 */
public record RunOptions(Handoff handoff, int children, Api api, InetAddress bind, Duration stepDeadline,
                         Duration spawnDeadline, Duration runDeadline) {

    public static RunOptions defaults() {
        return new RunOptions(Handoff.STDIN, 0, Api.LIBC, InetAddress.getLoopbackAddress(), Duration.ofSeconds(2),
                Duration.ofSeconds(20), Duration.ofSeconds(120));
    }

    public RunOptions withHandoff(Handoff h) {
        return new RunOptions(h, children, api, bind, stepDeadline, spawnDeadline, runDeadline);
    }

    public RunOptions withApi(Api a) {
        return new RunOptions(handoff, children, a, bind, stepDeadline, spawnDeadline, runDeadline);
    }

    public RunOptions withChildren(int n) {
        return new RunOptions(handoff, n, api, bind, stepDeadline, spawnDeadline, runDeadline);
    }

    public RunOptions withBind(InetAddress address) {
        return new RunOptions(handoff, children, api, address, stepDeadline, spawnDeadline, runDeadline);
    }

    public RunOptions withStepDeadline(Duration d) {
        return new RunOptions(handoff, children, api, bind, d, spawnDeadline, runDeadline);
    }
}
