package sockshare.libc.jnalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The build's rewrite of JNA's classes (src/build), on the JNA jar the build shades. */
class JnaLogRewriteTest {
    private static final String LOGGER = "sockshare/libc/jnalog/JnaLogger";

    @Test
    void nativeNamesTheStandInsWhereItNamedJul() throws IOException {
        byte[] original = classFile("com/sun/jna/Native.class");
        assertTrue(latin1(original).contains("java/util/logging/Logger"));

        JnaLogRewrite.Rewritten rewritten = JnaLogRewrite.rewrite(original);

        assertFalse(latin1(rewritten.classFile()).contains("java/util/logging"));
        assertFalse(rewritten.namesJul());
        assertTrue(rewritten.standInMembers().contains(LOGGER + ".getLogger:(Ljava/lang/String;)L" + LOGGER + ";"),
                rewritten.standInMembers().toString());
        assertTrue(rewritten.standInMembers().contains(
                "sockshare/libc/jnalog/JnaLevel.WARNING:Lsockshare/libc/jnalog/JnaLevel;"),
                rewritten.standInMembers().toString());
    }

    /** What the build checks: every JNA class rewritten names no JUL, the rest are kept byte for byte. */
    @Test
    void everyMemberJnaUsesIsInTheStandIns() throws Exception {
        Set<String> used = new TreeSet<>();
        int rewritten = 0;
        try (ZipFile jna = new ZipFile(Path.of(Native.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jna.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] original;
                try (InputStream in = jna.getInputStream(entry)) {
                    original = in.readAllBytes();
                }
                JnaLogRewrite.Rewritten result = JnaLogRewrite.rewrite(original);
                assertFalse(result.namesJul(), entry.getName());
                if (latin1(original).contains("java/util/logging")) {
                    rewritten++;
                } else {
                    assertArrayEquals(original, result.classFile(), entry.getName());
                }
                used.addAll(result.standInMembers());
            }
        }
        assertTrue(rewritten > 0);
        assertTrue(used.contains(LOGGER + ".log:(Lsockshare/libc/jnalog/JnaLevel;Ljava/lang/String;)V"), used.toString());
        assertEquals(List.of(), JnaLogRewrite.missing(used, getClass().getClassLoader()));
    }

    @Test
    void aMemberTheStandInsLackIsFound() {
        String getGlobal = LOGGER + ".getGlobal:()L" + LOGGER + ";";
        String info = LOGGER + ".getLogger:(Ljava/lang/String;)L" + LOGGER + ";";
        assertEquals(List.of(getGlobal), JnaLogRewrite.missing(List.of(info, getGlobal), getClass().getClassLoader()));
    }

    /** The verifier reads the stack maps naming the stand-ins, and the class initialises and runs on them. */
    @Test
    void aRewrittenClassRunsOnTheStandIns() throws Exception {
        String name = "com.sun.jna.internal.ReflectionUtils";
        byte[] rewritten = JnaLogRewrite.rewrite(classFile(name.replace('.', '/') + ".class")).classFile();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String wanted, boolean resolve) throws ClassNotFoundException {
                if (!wanted.equals(name)) {
                    return super.loadClass(wanted, resolve);
                }
                synchronized (getClassLoadingLock(wanted)) {
                    Class<?> loaded = findLoadedClass(wanted);
                    return loaded != null ? loaded : defineClass(wanted, rewritten, 0, rewritten.length);
                }
            }
        };
        Class<?> utils = Class.forName(name, true, loader);
        Method isDefault = utils.getMethod("isDefault", Method.class);
        assertEquals(true, isDefault.invoke(null, Comparator.class.getMethod("reversed")));
        assertEquals(loader, utils.getClassLoader());
    }

    private static byte[] classFile(String path) throws IOException {
        try (InputStream in = Native.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
