package sockshare.startup;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A library shipped as a jar inside sockshare.jar rather than merged into it, and unpacked once
 * into the cache when first needed. Merged, PlantUML's 5,800 entries made sockshare.jar three
 * times larger in entries, and every JVM started from it (launcher, each child, each client of
 * the resident launcher) indexed them all before running a line: about 15 ms, for a library
 * only the HTML report uses.
 */
public final class NestedJar {
    private NestedJar() {
    }

    /**
     * @param resource the nested jar, such as {@code /nested/plantuml.jar}
     * @return a class loader for its classes, under {@code parent}
     * @throws IOException when the jar is not in sockshare.jar or cannot be unpacked
     */
    public static ClassLoader loader(String resource, ClassLoader parent) throws IOException {
        try (InputStream in = NestedJar.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from sockshare.jar");
            }
            byte[] jar = in.readAllBytes();
            String name = "nested-" + StartupCache.hash(jar) + ".jar";
            StartupCache cache = StartupCache.open();
            Path file;
            if (cache == null) {
                file = Files.createTempFile("sockshare-", ".jar");
                file.toFile().deleteOnExit();
                Files.write(file, jar);
            } else {
                file = cache.resolve(name);
                if (!cache.holds(file, jar)) {
                    Path temporary = cache.temporary(name);
                    Files.write(temporary, jar);
                    cache.publish(temporary, name);
                }
            }
            return new URLClassLoader(new URL[] {url(file)}, parent);
        }
    }

    private static URL url(Path file) throws MalformedURLException {
        return file.toUri().toURL();
    }
}
