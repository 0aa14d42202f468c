package sockshare.actor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the launcher and a child JVM agree on before the control channel carries a word: the
 * programs a child runs, the environment that tells it who it is and where its fds are
 * ({@link Handoff} says which numbers), and what its exit status means when it ends before
 * saying hello. The launcher writes these and the child reads them, both from here; scripts
 * ask {@link #main} for them.
 */
public final class ChildContract {
    /** The program of a child that holds a connected socket, or a listener it accepts on in steps. */
    public static final String CHILD_MAIN = "sockshare.child.ChildMain";
    /** The program of a child that accepts on a shared listener by itself (sockshare serve --listen). */
    public static final String ACCEPTOR_MAIN = "sockshare.child.AcceptorMain";
    /** A JVM that only sleeps, run with a child's flags as the floor of its memory (sockshare bench). */
    public static final String IDLE_JVM = "sockshare.child.IdleJvm";

    /** The environment variables a child's own ones start with; a child inherits none of the launcher's. */
    public static final String ENV_PREFIX = "SOCKSHARE_";
    /** The actor the child plays: A, B, ... */
    public static final String ACTOR = "SOCKSHARE_ACTOR";
    /** The {@link Handoff#word()} of how the socket was handed over. */
    public static final String HANDOFF = "SOCKSHARE_HANDOFF";
    /** The fd number of the child's end of its control channel. */
    public static final String CONTROL_FD = "SOCKSHARE_CONTROL_FD";
    /**
     * Set, to the fd number of {@link Handoff#laterActsFd()}, for a child spawned with the first
     * act's socket that stays to serve later acts; a child without it exits when its act ends.
     */
    public static final String LATER_ACTS_FD = "SOCKSHARE_LATER_ACTS_FD";
    /** The launcher's pid: a child whose parent is not this process any more is an orphan. */
    public static final String LAUNCHER_PID = "SOCKSHARE_LAUNCHER_PID";

    /** sd_listen_fds(3)'s environment, for {@link Handoff#LISTEN_FDS}. */
    public static final String LISTEN_PREFIX = "LISTEN_";
    public static final String LISTEN_FDS = "LISTEN_FDS";
    public static final String LISTEN_PID = "LISTEN_PID";
    public static final String LISTEN_FDNAMES = "LISTEN_FDNAMES";
    /** The name the launcher gives the one socket it passes with LISTEN_FDS. */
    public static final String LISTEN_FDNAME = "shared";

    /** Exit status of a child the socket was not handed over to as its handoff promises. */
    public static final int EXIT_REFUSED = 3;
    /** Exit status of a child whose launcher was already gone when it started. */
    public static final int EXIT_ORPHANED = 4;

    private ChildContract() {
    }

    /**
     * @return the variables a child is started with, on top of an environment cleared of
     *         {@link #ENV_PREFIX} and {@link #LISTEN_PREFIX} ones (LISTEN_PID is the child's own
     *         pid, known only once it runs: the launcher's shell sets it)
     * @param laterActs whether a child spawned with the socket stays to be passed later acts' sockets
     */
    public static Map<String, String> environment(String actor, Handoff handoff, long launcherPid, boolean laterActs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ACTOR, actor);
        env.put(HANDOFF, handoff.word());
        env.put(CONTROL_FD, Integer.toString(handoff.controlFd()));
        if (laterActs) {
            env.put(LATER_ACTS_FD, Integer.toString(handoff.laterActsFd()));
        }
        env.put(LAUNCHER_PID, Long.toString(launcherPid));
        if (handoff == Handoff.LISTEN_FDS) {
            env.put(LISTEN_FDS, "1");
            env.put(LISTEN_FDNAMES, LISTEN_FDNAME);
        }
        return env;
    }

    /** @return what a child's exit status says about why it ended, or null for one the contract does not name */
    public static String exitMeaning(int code) {
        switch (code) {
            case EXIT_REFUSED: return "the socket was not handed over as its handoff promises";
            case EXIT_ORPHANED: return "its launcher was gone when it started";
            default: return null;
        }
    }

    /**
     * Prints the contract for one child as JSON, for programs that start children without the
     * launcher (scripts/child-memory.py): {@code ChildContract HANDOFF ACTOR LAUNCHER_PID}.
     */
    public static void main(String[] args) {
        Handoff handoff = args.length == 3 ? Handoff.parse(args[0]) : null;
        if (handoff == null || !args[1].matches("[A-Za-z][A-Za-z0-9_-]*") || !args[2].matches("[0-9]+")) {
            System.err.println("usage: ChildContract stdin|listen-fds|scm-rights ACTOR LAUNCHER_PID");
            System.exit(2);
        }
        StringBuilder json = new StringBuilder("{\"main\": \"" + CHILD_MAIN + "\", \"socket_fd\": " + handoff.socketFd()
                + ", \"control_fd\": " + handoff.controlFd() + ", \"env_prefixes\": [\"" + ENV_PREFIX + "\", \""
                + LISTEN_PREFIX + "\"], \"env\": {");
        String sep = "";
        for (Map.Entry<String, String> e : environment(args[1], handoff, Long.parseLong(args[2]), false).entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\": \"").append(e.getValue()).append('"');
            sep = ", ";
        }
        System.out.println(json.append("}}"));
    }
}
