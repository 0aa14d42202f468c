package sockshare.startup;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The classes a child runs, copied out of sockshare.jar into a jar of their own. The first
 * class path lookup in a child (a ServiceLoader's, for one) reads its jar's whole central
 * directory into the heap: 850 KB and a hash table for the 8,800 entries of sockshare.jar,
 * about 1 MB of every child's memory; the child's own 160 entries take 20 KB.
 *
 * <p>A child runs on its module and what that depends on, actor, libc and JNA (see their
 * poms; {@code ChildJarTest} checks that the two agree). Of JNA's native libraries only this
 * platform's is kept. A copy is the same bytes each time it is made, and gets the launcher
 * jar's modification time, so that a class-data archive made with one copy accepts another.
 */
final class ChildJar {
    static final List<String> PACKAGES = List.of("sockshare/child/", "sockshare/actor/", "sockshare/procfs/", "sockshare/libc/", "com/sun/jna/");
    private static final String JNA_NATIVES = "com/sun/jna/";

    private ChildJar() {
    }

    /** Writes the child's entries of {@code launcherJar} to {@code copy}. */
    static void write(Path launcherJar, Path copy) throws IOException {
        try (ZipFile from = new ZipFile(launcherJar.toFile());
             ZipOutputStream to = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (Enumeration<? extends ZipEntry> entries = from.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!isChilds(entry.getName())) {
                    continue;
                }
                ZipEntry copied = new ZipEntry(entry.getName());
                copied.setTime(entry.getTime());
                to.putNextEntry(copied);
                try (InputStream in = from.getInputStream(entry)) {
                    in.transferTo(to);
                }
                to.closeEntry();
            }
        }
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(launcherJar));
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
