package sockshare.startup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sockshare.spawn.ChildSpawner;

/**
 * Start-up help for children, prepared once and kept in the cache: JNA's native library
 * unpacked, JNA's library search path, the child's classes in a jar of their own and a
 * class-data archive of every class a child loads. Whatever cannot be prepared is left out,
 * silently: children then start as they would without it, only slower and larger.
 */
public final class ChildStartup {
    /** The system property that names the jar of this build, for a launcher run from its class folders. */
    static final String BUILT_JAR = "sockshare.jar";
    /**
     * JNA's flags by cache folder, worked out once per JVM: they read JNA's native library as
     * the jar holds it, and its copy in the cache, which do not change under a running JVM, and a
     * resident launcher or {@code run all} asks for them run after run.
     */
    private static final Map<Path, List<String>> JNA_FLAGS = new HashMap<>();

    private ChildStartup() {
    }

    /**
     * @return {@code plain} with every start-up help this machine allows. The launcher's own JNA,
     *         when it has not loaded yet, is pointed at the unpacked copy too.
     */
    public static ChildSpawner tuned(ChildSpawner plain) {
        StartupCache cache = StartupCache.open();
        if (cache == null) {
            return plain;
        }
        return AppCdsArchive.tuned(cache, fromBuiltJar(plain), jnaFlags(cache));
    }

    /**
     * Points this JVM's JNA, when it has not started yet, at the unpacked copy its children use,
     * with no library search path to work out: what {@link #tuned} does first, for a launcher
     * that starts JNA before it asks for its children's spawner.
     */
    public static void pointJna() {
        StartupCache cache = StartupCache.open();
        if (cache != null) {
            jnaFlags(cache);
        }
    }

    /**
     * A launcher run from its build's class folders (the tests, an IDE) cannot give its children
     * a class-data archive: the JVM accepts one only for a class path of jars. Told where the same
     * build's jar is (the build sets {@value #BUILT_JAR} for its tests, after packaging), it runs
     * them from that jar instead, as a user's launcher does, and they start in about half the time.
     */
    private static ChildSpawner fromBuiltJar(ChildSpawner plain) {
        String built = System.getProperty(BUILT_JAR);
        if (built == null || isOneJar(plain.classPath()) || !Files.isRegularFile(Path.of(built))) {
            return plain;
        }
        return plain.withClassPath(Path.of(built).toAbsolutePath().normalize().toString());
    }

    /** @return sockshare.jar when this JVM runs from it, else the jar named by -Dsockshare.jar, else null */
    public static Path findJar() {
        String cp = System.getProperty("java.class.path", "");
        if (isOneJar(cp) && Files.isRegularFile(Path.of(cp))) {
            return Path.of(cp).toAbsolutePath();
        }
        String property = System.getProperty("sockshare.jar");
        return property != null && Files.isRegularFile(Path.of(property)) ? Path.of(property).toAbsolutePath() : null;
    }

    /**
     * @return whether {@code classPath} names one jar and nothing else, the only class path a
     *         class-data archive is accepted for; whether that jar exists is not looked at
     */
    public static boolean isOneJar(String classPath) {
        return !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
    }

    /** No lambda: the launcher's libc-ahead thread comes here first, and would wait for the lambda machinery's start. */
    private static synchronized List<String> jnaFlags(StartupCache cache) {
        Path dir = cache.resolve("");
        List<String> known = JNA_FLAGS.get(dir);
        if (known != null) {
            return known;
        }
        List<String> flags = new ArrayList<>(JnaLibrary.flags(cache));
        JnaLibrary.useInThisJvm(flags);
        flags.addAll(JnaLibrary.searchPath());
        known = List.copyOf(flags);
        JNA_FLAGS.put(dir, known);
        return known;
    }
}
