package sockshare.conduct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sockshare.actor.SocketActor;
import sockshare.figures.Figures;
import sockshare.model.ActResult;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.netns.Network;
import sockshare.observe.Observer;
import sockshare.scenario.Scenario;
import sockshare.spawn.ChildSource;

/**
 * Runs a scenario act by act, each as an {@link ActRun}, under one deadline for the whole run
 * (--timeout); the first act that fails ends the run. Nothing here waits without a deadline:
 * a step that overruns, or a child that dies, ends the act with a message that names the step
 * and the actor. Each act's figures (a table's cells it measured) are added to its events when it
 * is over.
 */
public final class Conductor {
    /**
     * The most children of one act started while the act before runs: two JVMs starting share the
     * two cores with the running act for a moment; eight starting during the herd's first act kept
     * one of its children from reaching accept within the step deadline on a loaded machine.
     */
    private static final int MOST_STARTED_EARLY = 2;
    private final RunOptions options;
    private final ChildSource spawner;
    private final Observer observer;

    public Conductor(RunOptions options, ChildSource spawner) {
        this(options, spawner, Observer.NONE);
    }

    /** @param observer looks at the kernel's view at each act's start, after each step and at its end */
    public Conductor(RunOptions options, ChildSource spawner, Observer observer) {
        this.options = options;
        this.spawner = spawner;
        this.observer = observer;
    }

    public RunResult run(Scenario scenario) throws IOException, InterruptedException {
        int children = options.children() > 0 ? options.children() : scenario.children();
        long runDeadline = System.nanoTime() + options.runDeadline().toNanos();
        SocketActor.linkLibc(); // for the peer's first step, as each child does at start
        List<ActResult> acts = new ArrayList<>();
        String jdk = null;
        try (Network network = options.net().open(options.bind())) {
            List<ActRun> runs = new ArrayList<>();
            for (int i = 0; i < scenario.acts().size(); i++) {
                runs.add(new ActRun(options, network, spawner, observer, i + 1, scenario.acts().get(i), children,
                        runDeadline));
            }
            boolean early = startsEarly(children);
            try {
                for (int i = 0; i < runs.size(); i++) {
                    ActRun act = runs.get(i);
                    ActResult result = act.run(early && i + 1 < runs.size() ? runs.get(i + 1) : null);
                    acts.add(result);
                    jdk = jdk != null ? jdk : act.childJdk;
                    if (result.failure() != null) {
                        break;
                    }
                }
            } finally {
                // the act started early after the one that failed, or after the one that threw
                for (ActRun act : runs) {
                    act.abandon();
                }
            }
        }
        return new RunResult(scenario, options.handoff().word(), options.api().word(), children, kernelRelease(), jdk,
                Figures.measured(scenario, acts));
    }

    /**
     * Whether each act's children are started while the act before runs. Only children that are
     * spawned for their act need it (a warm pool's are handed the socket in microseconds), only
     * a few at a time (more would slow the running act's steps more than they save),
     * and only under observers that look at nothing but their own act: a capture or a kernel
     * trace would see the next connection made, and strace the next children start, mid-act.
     */
    private boolean startsEarly(int children) {
        return spawner.spawnsForEachAct() && children <= MOST_STARTED_EARLY && observer.onlyItsOwnAct();
    }

    static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }
}
