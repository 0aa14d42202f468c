package sockshare.startup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Codec;
import sockshare.actor.Command;
import sockshare.actor.Handoff;
import sockshare.actor.Op;
import sockshare.libc.Fd;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildJvmFlags;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.ExitStatus;
import sockshare.spawn.RunningChild;

/**
 * The child's classes in a jar of their own ({@link ChildJar}) and a static class-data archive
 * (AppCDS) of every class a child loads, JDK classes included, so that a child maps them
 * ready-parsed and verified instead of reading them from jars and the JDK's image. Both are
 * made once per build of a jar, JDK and flags, in an entry of their own ({@link ChildEntry}): a training child runs every kind of operation from the
 * child's jar and lists the classes it loaded (-XX:DumpLoadedClassList), then the JVM dumps an
 * archive of that list (-Xshare:dump). A child then maps this one archive instead of the JDK's
 * default archive and a dynamic archive of its own classes on top: 11 MB instead of 16 MB, mapped
 * where it was dumped for when that address is free ({@link ChildJvmFlags}' ArchiveRelocationMode),
 * so its pages are shared between children rather than made private by relocating every pointer.
 *
 * <p>The JVM accepts such an archive only for a class path of jar files, so a class path with
 * directories gets neither. When making them fails the children start without them, as they
 * would anyway, and a marker stops every later run from trying again.
 */
final class AppCdsArchive {
    private static final Duration TRAINING_LIMIT = Duration.ofSeconds(60);
    /** The training child lists its classes as it exits; that can take seconds on a busy machine. */
    private static final long EXIT_MILLIS = 30_000;
    private static final Duration DUMP_LIMIT = Duration.ofSeconds(120);

    private AppCdsArchive() {
    }

    /**
     * @return {@code spawner} running from the child's jar with the archive mapped, both made now
     *         if need be, or {@code spawner} with only {@code otherFlags} when they cannot be had
     */
    static ChildSpawner tuned(StartupCache cache, ChildSpawner spawner, List<String> otherFlags) {
        ChildSpawner untuned = spawner.withStartupFlags(otherFlags);
        String classPath = spawner.classPath();
        Path jar = Path.of(classPath);
        if (!ChildStartup.isOneJar(classPath) || !Files.isRegularFile(jar)) {
            return untuned;
        }
        try {
            ChildEntry entry = ChildEntry.of(cache, jar, spawner.java(), otherFlags);
            entry.create(cache, jar);
            if (!entry.hold()) {
                return untuned;
            }
            Path childJar = entry.childJar();
            Path archive = entry.archive();
            if (!(Files.isRegularFile(archive) && Files.isRegularFile(childJar)) && !Files.exists(entry.failed())) {
                make(cache, entry, jar, spawner, otherFlags);
                // a new build's entry: the last build's are waste now, unless a launcher still holds them
                CachePrune.prune(cache, Instant.now());
            } else {
                CachePrune.ifDue(cache);
            }
            if (!Files.exists(archive) || !cache.usable(childJar) || !cache.usable(archive)) {
                return untuned;
            }
            List<String> flags = new ArrayList<>(otherFlags);
            flags.add("-XX:SharedArchiveFile=" + archive);
            return spawner.withChildJar(childJar.toString()).withStartupFlags(flags);
        } catch (IOException | RuntimeException e) {
            return untuned;
        }
    }

    /**
     * Makes what {@code entry} lacks: the child's jar first, at the path children will run it from
     * (the JVM accepts an archive only for the class path it was dumped with), then the archive.
     */
    private static void make(StartupCache cache, ChildEntry entry, Path launcherJar, ChildSpawner spawner,
                             List<String> otherFlags) throws IOException {
        Path childJar = entry.childJar();
        Path jarStaging = null;
        Path jsaStaging = null;
        boolean made = false;
        try {
            if (!Files.isDirectory(childJar.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                jarStaging = cache.staging(childJar.getParent());
                Path copy = jarStaging.resolve(childJar.getFileName());
                ChildJar.write(launcherJar, copy);
                cache.publishRecorded(copy, childJar.getParent());
            }
            jsaStaging = cache.staging(entry.archive().getParent());
            Path classList = jsaStaging.resolve("child.classlist");
            Path archive = jsaStaging.resolve(entry.archive().getFileName());
            List<String> flags = new ArrayList<>(otherFlags);
            flags.add("-XX:DumpLoadedClassList=" + classList);
            // the training child's watchdog bounds every wait on it, the reads of its control channel included
            ChildSpawner trainer = new ChildSpawner(spawner.java(), childJar.toString(), TRAINING_LIMIT, flags)
                    .withChildJar(childJar.toString());
            made = exercise(trainer) && Files.isRegularFile(classList)
                    && dump(spawner.java(), childJar, classList, archive) && Files.size(archive) > 0;
            if (made) {
                Files.delete(classList);
                cache.publishRecorded(archive, entry.archive().getParent());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Path staging : new Path[] {jarStaging, jsaStaging}) {
                if (staging != null) {
                    StartupCache.remove(staging);
                }
            }
            if (!made) {
                Files.writeString(entry.failed(), "making the child's jar and class-data archive failed\n");
            }
        }
    }

    /**
     * @return true when the JVM wrote an archive of the classes in {@code classList}, run from {@code childJar}:
     *         with the children's flags, and so with no option that keeps the module graph out of it
     */
    private static boolean dump(Path java, Path childJar, Path classList, Path archive) throws IOException {
        CommandLine line = new CommandLine(java.toString());
        for (String flag : ChildJvmFlags.base()) {
            if (!flag.startsWith("-Xshare")) {
                line.addArgument(flag, false);
            }
        }
        line.addArgument("-Xshare:dump", false);
        line.addArgument("-XX:SharedClassListFile=" + classList, false);
        line.addArgument("-XX:SharedArchiveFile=" + archive, false);
        line.addArgument("-cp", false);
        line.addArgument(childJar.toString(), false);
        DefaultExecutor executor = DefaultExecutor.builder().get();
        // it warns of every listed class it cannot archive (JFR's, generated proxies): expected, not shown
        executor.setStreamHandler(new PumpStreamHandler(OutputStream.nullOutputStream()));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(DUMP_LIMIT).get());
        executor.setExitValues(null);
        return executor.execute(line) == 0;
    }

    /**
     * Runs one child through what children do, the way a flagship's child does it: take its first
     * act's socket by stdin, then send, recv and shutdown at libc and Java level, state and close;
     * release it and take the next act's by SCM_RIGHTS, as act 2's children and the warm pool's do
     * (the classes and lambdas of that path, and a JDK channel built on a passed fd), and there a
     * recv woken by a shutdown and a send that fails.
     *
     * @return true when the child did all of it and exited by itself with status 0
     */
    private static boolean exercise(ChildSpawner trainer) throws IOException, InterruptedException {
        SharedConnection first = SharedConnection.openTcp(InetAddress.getLoopbackAddress());
        SharedConnection second = null;
        Fd[] laterActs = Syscalls.socketpair(LibCConstants.AF_UNIX, LibCConstants.SOCK_SEQPACKET);
        RunningChild child = null;
        try {
            child = trainer.spawnAll(List.of("A"), name -> first.holders(), Handoff.STDIN, TRAINING_LIMIT,
                    name -> laterActs[1]).get(0);
            first.holders().close();
            laterActs[1].close();
            if (!said(child, "hello")) {
                return false;
            }
            boolean served = perform(child, first,
                    new Command(1, Op.STATE, Api.LIBC, null, 0),
                    new Command(2, Op.SEND, Api.LIBC, "x", 0),
                    new Command(3, Op.RECV, Api.LIBC, null, 5_000),
                    new Command(4, Op.SEND, Api.JAVA, "y", 0),
                    new Command(5, Op.RECV, Api.JAVA, null, 5_000),
                    new Command(6, Op.SHUTDOWN, Api.JAVA, "WR", 0),
                    new Command(7, Op.SHUTDOWN, Api.LIBC, "RDWR", 0),
                    new Command(8, Op.CLOSE, Api.LIBC, null, 0));
            child.control().send(Map.of("type", "release"));
            if (!served || !said(child, "released") || !said(child, "waiting")) {
                return false;
            }
            second = SharedConnection.openTcp(InetAddress.getLoopbackAddress());
            Syscalls.sendFd(laterActs[0], "A".getBytes(StandardCharsets.UTF_8), second.holders());
            second.holders().close();
            if (!said(child, "hello")
                    || !perform(child, second,
                            new Command(9, Op.STATE, Api.LIBC, null, 0),
                            new Command(10, Op.RECV, Api.JAVA, null, 5_000),
                            new Command(11, Op.SEND, Api.JAVA, "y", 0))) {
                return false;
            }
            // a recv left waiting, woken by a shutdown of the same socket, then a send into EPIPE
            child.control().send(Codec.encode(new Command(12, Op.RECV, Api.LIBC, null, 5_000)));
            child.control().send(Codec.encode(new Command(13, Op.SHUTDOWN, Api.LIBC, "RDWR", 0)));
            if (!answered(child, 12, 13) || !perform(child, second, new Command(14, Op.SEND, Api.LIBC, "too late", 0))) {
                return false;
            }
            RunningChild trained = child;
            child = null;
            ExitStatus status = trained.stop(EXIT_MILLIS);
            return status.signal() == 0 && status.code() == 0;
        } finally {
            if (child != null) {
                child.stop(0);
            }
            first.closeAll();
            if (second != null) {
                second.closeAll();
            }
            laterActs[0].close();
            laterActs[1].close();
        }
    }

    /**
     * Sends each command and reads until its result; before each recv the peer sends something to read.
     *
     * @return true when every command was answered
     */
    private static boolean perform(RunningChild child, SharedConnection connection, Command... commands)
            throws IOException {
        byte[] fromPeer = "training".getBytes(StandardCharsets.UTF_8);
        for (Command c : commands) {
            if (c.op() == Op.RECV) {
                Syscalls.send(connection.peer(), fromPeer, 0);
            }
            child.control().send(Codec.encode(c));
            if (!answered(child, c.seq())) {
                return false;
            }
        }
        return true;
    }

    /** Reads messages until one of {@code type}; the child's watchdog (TRAINING_LIMIT) bounds the wait. */
    private static boolean said(RunningChild child, String type) throws IOException {
        for (Map<String, Object> m = child.control().receive(); m != null; m = child.control().receive()) {
            if (type.equals(m.get("type"))) {
                return true;
            }
        }
        return false;
    }

    /** Reads messages until the results of every command numbered {@code seqs}, in whatever order they come. */
    private static boolean answered(RunningChild child, int... seqs) throws IOException {
        Set<Integer> awaited = new HashSet<>();
        for (int seq : seqs) {
            awaited.add(seq);
        }
        for (Map<String, Object> m = child.control().receive(); m != null; m = child.control().receive()) {
            if ("event".equals(m.get("type")) && Codec.decode(m) instanceof CallResult c && awaited.remove(c.seq())
                    && awaited.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
