package sockshare.startup;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The classes a child runs, copied out of sockshare.jar into a jar of their own. The first
 * class path lookup in a child (a ServiceLoader's, for one) reads its jar's whole central
 * directory into the heap: 850 KB and a hash table for the 8,800 entries of sockshare.jar,
 * about 1 MB of every child's memory; the child's own 160 entries take 20 KB. Its manifest is the
 * child module's, which makes it a jar children run with {@code java -jar}.
 *
 * <p>A child runs on its module and what that depends on, actor, libc and JNA (see their
 * poms; {@code ChildJarTest} checks that the two agree). Of JNA's native libraries only this
 * platform's is kept. A copy is the same bytes each time it is made, and gets the launcher
 * jar's modification time, so that a class-data archive made with one copy accepts another.
 */
final class ChildJar {
    static final List<String> PACKAGES = List.of("sockshare/child/", "sockshare/actor/", "sockshare/procfs/", "sockshare/libc/", "com/sun/jna/");
    private static final String JNA_NATIVES = "com/sun/jna/";
    /** The child module's manifest, kept with its classes: the child's jar's own (see the child's ChildPrograms). */
    private static final String MANIFEST = "sockshare/child/MANIFEST.MF";

    private ChildJar() {
    }

    /** Writes the child's entries of {@code launcherJar} to {@code copy}. */
    static void write(Path launcherJar, Path copy) throws IOException {
        try (ZipFile from = new ZipFile(launcherJar.toFile());
             ZipOutputStream to = new ZipOutputStream(Files.newOutputStream(copy))) {
            // first, where the JDK's jar reading looks for it
            copyEntry(from, from.getEntry(MANIFEST), JarFile.MANIFEST_NAME, to);
            for (Enumeration<? extends ZipEntry> entries = from.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (isChilds(entry.getName()) && !entry.getName().equals(MANIFEST)) {
                    copyEntry(from, entry, entry.getName(), to);
                }
            }
        }
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(launcherJar));
    }

    private static void copyEntry(ZipFile from, ZipEntry entry, String name, ZipOutputStream to) throws IOException {
        if (entry == null) {
            throw new IOException(from.getName() + " has no " + MANIFEST);
        }
        ZipEntry copied = new ZipEntry(name);
        copied.setTime(entry.getTime());
        to.putNextEntry(copied);
        try (InputStream in = from.getInputStream(entry)) {
            in.transferTo(to);
        }
        to.closeEntry();
    }

    static boolean isChilds(String entry) {
        if (PACKAGES.stream().noneMatch(entry::startsWith)) {
            return false;
        }
        // JNA's natives sit in one directory per platform, such as com/sun/jna/linux-x86-64/
        String rest = entry.startsWith(JNA_NATIVES) ? entry.substring(JNA_NATIVES.length()) : "";
        int slash = rest.indexOf('/');
        String dir = slash < 0 ? "" : rest.substring(0, slash);
        return !dir.contains("-") || dir.equals(Platform.RESOURCE_PREFIX);
    }
}
