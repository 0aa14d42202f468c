package sockshare.spawn;

import java.util.List;

/** The JVM options every child runs with. */
public final class ChildJvmFlags {
    private static final List<String> FLAGS = List.of(
            // a child lives for seconds and runs little code: start fast, stay small
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            // a child's start runs thousands of JDK and JNA methods a few hundred times each (class
            // and lambda linking, JNA's set-up), which at the default thresholds C1 compiles, about a
            // third of a child's CPU, and none of it runs again; scaled by 20, the return from a
            // blocking call through JNA stayed interpreted and widened the wake spreads the tool
            // reports, by 5 it did not (native-notes/perf.md, "The children's CPU")
            "-XX:CompileThresholdScaling=5",
            // JDK 17 maps the module graph of a class-data archive only with G1 (and only when no
            // --add-opens and the like is on the command line): ~7 ms of a child's start; one thread
            // of each kind, since G1's defaults were no faster and larger (native-notes/perf.md, "A
            // child's start without --add-opens")
            "-XX:+UseG1GC",
            "-XX:ParallelGCThreads=1",
            "-XX:ConcGCThreads=1",
            "-XX:-UsePerfData",
            // by default (ArchiveRelocationMode 1: Debian's JDK 17, Temurin 25) the JVM maps the
            // class-data archive at a random address and then rewrites every pointer in it: ~3 ms of
            // a child's CPU before main, and every page of the archive made private. Mode 0 maps it at
            // the address it was dumped for, and relocates only when that is taken; the trade is that
            // the archive's metadata sits at the same address in every child (native-notes/perf.md,
            // "A child from spawn to hello")
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0",
            // JNA asks Method.isDefault by reflection once per libc function; JDK 17's reflection
            // generates an accessor class at the 16th call (never archived, ~1 ms). JDK 18 and later
            // reflect through method handles and ignore the property.
            "-Dsun.reflect.inflationThreshold=2147483647",
            // the provider the JDK picks on Linux anyway, named so that System.inheritedChannel() (and
            // a channel built on a passed fd) need not look for one on the class path first: that
            // ServiceLoader look-up, the child's only one, was ~3 ms of its CPU before the hello
            "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider",
            "-Xss256k",
            "-Xmx32m",
            // the JVM's container support reads cgroup files (the JIT before each compilation, the VM
            // thread now and then), each open taking the lowest free fd number: the number a step just
            // closed, so that a later step on it found another file there (ENOENT, not EBADF); the heap
            // is sized above and a child needs no CPU count from its cgroup
            "-XX:-UseContainerSupport");
    /**
     * For a child run from a class path rather than the child's jar, whose manifest says the same:
     * it builds JDK channels on inherited fds (see the child's JdkChannels). On the command line
     * it stops JDK 17 mapping the module graph of the class-data archive (see the child's ChildPrograms).
     */
    private static final List<String> OPENS = List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    private ChildJvmFlags() {
    }

    public static List<String> base() {
        return FLAGS;
    }

    /** @return what a child run from a class path needs besides {@link #base()} */
    public static List<String> forClassPath() {
        return OPENS;
    }
}
