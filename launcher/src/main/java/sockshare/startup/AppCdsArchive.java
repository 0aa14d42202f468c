package sockshare.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.actor.Api;
import sockshare.actor.Command;
import sockshare.actor.Op;
import sockshare.libc.Syscalls;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildSource;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.ExitStatus;
import sockshare.spawn.Handoff;
import sockshare.spawn.RunningChild;

/**
 * A dynamic class-data archive (AppCDS) of the classes a child loads, so that a child maps
 * them ready-parsed and verified instead of reading them from the jar. It is made once per
 * jar, JDK and flags, by a training child that runs every kind of operation and dumps its
 * classes as it exits (-XX:ArchiveClassesAtExit). The JVM accepts such an archive only for a
 * class path of jar files, so a class path with directories gets none. When making it fails
 * the children start without it, as they would anyway, and a marker stops every later run
 * from trying again.
 */
final class AppCdsArchive {
    private static final Duration TRAINING_LIMIT = Duration.ofSeconds(60);
    /** The archive is written as the training child exits; that can take seconds on a busy machine. */
    private static final long DUMP_MILLIS = 30_000;

    private AppCdsArchive() {
    }

    /** @return the option that maps the archive, made now if need be, or none */
    static List<String> flags(StartupCache cache, ChildSpawner spawner, List<String> otherFlags) {
        String classPath = spawner.classPath();
        Path jar = Path.of(classPath);
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try {
            String jarKey = StartupCache.hash(jar.toAbsolutePath().toString());
            String key = StartupCache.hash(Long.toString(Files.size(jar)), Files.getLastModifiedTime(jar).toString(),
                    spawner.java().toString(), Runtime.version().toString(), String.join(" ", otherFlags));
            String name = "child-" + jarKey + "-" + key + ".jsa";
            Path archive = cache.resolve(name);
            if (!Files.isRegularFile(archive) && !Files.exists(cache.resolve(name + ".failed"))) {
                train(cache, name, spawner, otherFlags);
                cache.removeOthers("child-" + jarKey + "-", name);
            }
            return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static void train(StartupCache cache, String name, ChildSpawner spawner, List<String> otherFlags)
            throws IOException {
        Path temporary = cache.temporary(name);
        List<String> flags = new ArrayList<>(otherFlags);
        flags.add("-XX:ArchiveClassesAtExit=" + temporary);
        // the training child's watchdog bounds every wait on it, the reads of its control channel included
        ChildSource trainer = new ChildSpawner(spawner.java(), spawner.classPath(), TRAINING_LIMIT, flags);
        boolean made = false;
        try {
            made = exercise(trainer) && Files.isRegularFile(temporary) && Files.size(temporary) > 0;
            if (made) {
                cache.publish(temporary, name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(temporary);
            if (!made) {
                Files.writeString(cache.resolve(name + ".failed"), "training the child's class-data archive failed\n");
            }
        }
    }

    /**
     * Runs one child through what children do: take the socket, then send, recv and
     * shutdown at libc and Java level, state and close.
     *
     * @return true when the child did all of it and exited by itself with status 0
     */
    private static boolean exercise(ChildSource trainer) throws IOException, InterruptedException {
        SharedConnection connection = SharedConnection.openTcp(InetAddress.getLoopbackAddress());
        RunningChild child = null;
        try {
            child = trainer.take(List.of("A"), connection.holders(), Handoff.STDIN, TRAINING_LIMIT).get(0);
            connection.holders().close();
            if (!said(child, "hello")) {
                return false;
            }
            byte[] fromPeer = "training".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Command[] commands = {
                new Command(1, Op.STATE, Api.LIBC, null, 0),
                new Command(2, Op.SEND, Api.LIBC, "x", 0),
                new Command(3, Op.RECV, Api.LIBC, null, 5_000),
                new Command(4, Op.SEND, Api.JAVA, "y", 0),
                new Command(5, Op.RECV, Api.JAVA, null, 5_000),
                new Command(6, Op.SHUTDOWN, Api.JAVA, "WR", 0),
                new Command(7, Op.SHUTDOWN, Api.LIBC, "RDWR", 0),
                new Command(8, Op.CLOSE, Api.LIBC, null, 0),
            };
            for (Command c : commands) {
                if (c.op() == Op.RECV) {
                    Syscalls.send(connection.peer().number(), fromPeer, 0);
                }
                child.control().send(c.toWire());
                if (!answered(child, c.seq())) {
                    return false;
                }
            }
            RunningChild trained = child;
            child = null;
            ExitStatus status = trained.stop(DUMP_MILLIS);
            return status.signal() == 0 && status.code() == 0;
        } finally {
            if (child != null) {
                child.stop(0);
            }
            connection.closeAll();
        }
    }

    /** Reads messages until one of {@code type}; the child's watchdog (TRAINING_LIMIT) bounds the wait. */
    private static boolean said(RunningChild child, String type) throws IOException {
        for (Map<String, String> m = child.control().receive(); m != null; m = child.control().receive()) {
            if (type.equals(m.get("type"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean answered(RunningChild child, int seq) throws IOException {
        for (Map<String, String> m = child.control().receive(); m != null; m = child.control().receive()) {
            if ("op".equals(m.get("kind")) && Integer.toString(seq).equals(m.get("seq"))) {
                return true;
            }
        }
        return false;
    }
}
