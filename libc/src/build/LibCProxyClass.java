import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by the build after libc's classes are compiled: writes {@code sockshare.libc.LibCProxy},
 * the class {@code java.lang.reflect.Proxy} would generate for {@code LibC} when
 * {@code Native.load} asks it, made by the same JDK generator, so that each JVM loads it from the
 * jar (and the class-data archives) instead of generating it: 20-30 ms of every JVM's start,
 * interpreted (native-notes/perf.md, "JNA's start"). Arguments: the classes folder.
 */
public final class LibCProxyClass {
    public static void main(String[] args) throws Exception {
        Class<?> libc = Class.forName("sockshare.libc.LibC", false, LibCProxyClass.class.getClassLoader());
        Method generator = Class.forName("java.lang.reflect.ProxyGenerator")
                .getDeclaredMethod("generateProxyClass", ClassLoader.class, String.class, List.class, int.class);
        generator.setAccessible(true);
        byte[] proxy = (byte[]) generator.invoke(null, libc.getClassLoader(), "sockshare.libc.LibCProxy",
                List.of(libc), Modifier.PUBLIC | Modifier.FINAL);
        Files.write(Path.of(args[0], "sockshare", "libc", "LibCProxy.class"), proxy);
    }
}
