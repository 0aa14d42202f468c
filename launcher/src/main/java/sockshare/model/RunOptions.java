package sockshare.model;

import java.net.InetAddress;
import java.time.Duration;
import sockshare.actor.Api;
import sockshare.netns.NetworkPlan;
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
 * @param net          one host on {@code bind}, or two hosts in namespaces of the run joined by a veth pair
 */
public record RunOptions(Handoff handoff, int children, Api api, InetAddress bind, Duration stepDeadline,
                         Duration spawnDeadline, Duration runDeadline, NetworkPlan net) {

    public static RunOptions defaults() {
        return new RunOptions(Handoff.STDIN, 0, Api.LIBC, InetAddress.getLoopbackAddress(), Duration.ofSeconds(2),
                Duration.ofSeconds(20), Duration.ofSeconds(120), NetworkPlan.LOOPBACK);
    }

    public RunOptions withHandoff(Handoff h) {
        return new RunOptions(h, children, api, bind, stepDeadline, spawnDeadline, runDeadline, net);
    }

    public RunOptions withApi(Api a) {
        return new RunOptions(handoff, children, a, bind, stepDeadline, spawnDeadline, runDeadline, net);
    }

    public RunOptions withChildren(int n) {
        return new RunOptions(handoff, n, api, bind, stepDeadline, spawnDeadline, runDeadline, net);
    }

    public RunOptions withBind(InetAddress address) {
        return new RunOptions(handoff, children, api, address, stepDeadline, spawnDeadline, runDeadline, net);
    }

    public RunOptions withNet(NetworkPlan plan) {
        return new RunOptions(handoff, children, api, bind, stepDeadline, spawnDeadline, runDeadline, plan);
    }

    public RunOptions withStepDeadline(Duration d) {
        return new RunOptions(handoff, children, api, bind, d, spawnDeadline, runDeadline, net);
    }
}
