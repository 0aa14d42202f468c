package sockshare.libc.jnalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Run by the build after shade (launcher/pom.xml): JNA's classes in sockshare.jar made to log
 * through {@link JnaLogger} and {@link JnaLevel} instead of java.util.logging's Logger and Level,
 * so that no JVM of a run sets up java.util.logging (why: JnaLogger). Shade's relocation cannot do
 * it: it renames a package in every class it shades, and jline and snakeyaml must keep JUL.
 *
 * <p>A class names other classes and their members only in CONSTANT_Utf8 entries of its constant
 * pool (class names, descriptors), so only those change and the rest of each class is copied byte
 * for byte. Parsed by hand: the constant pool's format is stable, and the JDK's own ASM is
 * internal (and gone in JDK 24). The build fails, keeping the jar as shade made it, when a JNA
 * class would still name java.util.logging or use a member the stand-ins (the ones on this
 * program's class path, the jar's) do not have: a newer JNA must not fail at run time instead.
 * Arguments: the jar, rewritten in place.
 */
public final class JnaLogRewrite {
    private static final Map<String, String> STAND_INS = Map.of(
            "java/util/logging/Logger", "sockshare/libc/jnalog/JnaLogger",
            "java/util/logging/Level", "sockshare/libc/jnalog/JnaLevel");
    private static final String JUL = "java/util/logging/";
    private static final String JNA = "com/sun/jna/";

    private JnaLogRewrite() {
    }

    /**
     * A class file after the rewrite; the members of the stand-ins it refers to, each as
     * owner.name:descriptor; whether it still names a class of java.util.logging.
     */
    record Rewritten(byte[] classFile, Set<String> standInMembers, boolean namesJul) {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path made = jar.resolveSibling(jar.getFileName() + ".jnalog-tmp");
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        try (ZipFile from = new ZipFile(jar.toFile());
             ZipOutputStream to = new ZipOutputStream(Files.newOutputStream(made))) {
            for (Enumeration<? extends ZipEntry> entries = from.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = from.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                // the entry as it was (method, time, sizes); its compressed size is the new jar's to find
                ZipEntry copy = new ZipEntry(entry);
                copy.setCompressedSize(-1);
                if (entry.getName().startsWith(JNA) && entry.getName().endsWith(".class")) {
                    Rewritten result = rewrite(bytes);
                    used.addAll(result.standInMembers());
                    if (result.namesJul()) {
                        problems.add(entry.getName() + " names a class of java.util.logging that has no stand-in");
                    }
                    if (!Arrays.equals(bytes, result.classFile())) {
                        bytes = result.classFile();
                        copy = new ZipEntry(entry.getName());
                        copy.setTime(entry.getTime());
                    }
                }
                to.putNextEntry(copy);
                to.write(bytes);
                to.closeEntry();
            }
        }
        if (used.isEmpty()) {
            problems.add("no JNA class refers to java.util.logging or its stand-ins: is JNA in the jar?");
        }
        for (String member : missing(used, JnaLogRewrite.class.getClassLoader())) {
            problems.add("JNA uses " + member + ", which the stand-in does not have");
        }
        if (!problems.isEmpty()) {
            Files.delete(made);
            problems.forEach(problem -> System.err.println(jar + ": " + problem));
            System.exit(1);
        }
        Files.move(made, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code classFile} with every name of JUL's Logger and Level in its constant pool replaced by its stand-in's. */
    static Rewritten rewrite(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(in.readInt()); // magic
        out.writeInt(in.readInt()); // minor and major version
        int count = in.readUnsignedShort();
        out.writeShort(count);
        // per entry: its text (Utf8), or the indexes it holds (Class: first; refs, NameAndType: both)
        String[] text = new String[count];
        int[] tag = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            out.writeByte(tag[i]);
            switch (tag[i]) {
                case 1 -> {
                    text[i] = replaced(in.readUTF());
                    out.writeUTF(text[i]);
                }
                case 7 -> {
                    first[i] = in.readUnsignedShort();
                    out.writeShort(first[i]);
                }
                case 9, 10, 11, 12 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                    out.writeShort(first[i]);
                    out.writeShort(second[i]);
                }
                case 8, 16, 19, 20 -> out.write(in.readNBytes(2));
                case 15 -> out.write(in.readNBytes(3));
                case 3, 4, 17, 18 -> out.write(in.readNBytes(4));
                case 5, 6 -> {
                    out.write(in.readNBytes(8));
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag[i] + " at entry " + i);
            }
        }
        in.transferTo(out);
        Set<String> standInMembers = new TreeSet<>();
        boolean namesJul = false;
        for (int i = 1; i < count; i++) {
            namesJul |= tag[i] == 1 && text[i].contains(JUL);
            if (tag[i] >= 9 && tag[i] <= 11) {
                String owner = text[first[first[i]]];
                int nameAndType = second[i];
                if (STAND_INS.containsValue(owner)) {
                    standInMembers.add(owner + "." + text[first[nameAndType]] + ":" + text[second[nameAndType]]);
                }
            }
        }
        return new Rewritten(bytes.toByteArray(), standInMembers, namesJul);
    }

    /** A class's name, or the descriptors naming it, with JUL's Logger and Level as their stand-ins. */
    private static String replaced(String utf8) {
        String result = utf8;
        for (Map.Entry<String, String> standIn : STAND_INS.entrySet()) {
            result = result.equals(standIn.getKey()) ? standIn.getValue()
                    : result.replace("L" + standIn.getKey() + ";", "L" + standIn.getValue() + ";");
        }
        return result;
    }

    /** Those of {@code members} (owner.name:descriptor) that are not public members of the classes {@code loader} finds. */
    static List<String> missing(Collection<String> members, ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        for (String member : members) {
            int dot = member.lastIndexOf('.');
            int colon = member.indexOf(':', dot);
            String name = member.substring(dot + 1, colon);
            String descriptor = member.substring(colon + 1);
            Class<?> owner;
            try {
                owner = Class.forName(member.substring(0, dot).replace('/', '.'), false, loader);
            } catch (ClassNotFoundException e) {
                missing.add(member);
                continue;
            }
            boolean found = false;
            for (Method method : owner.getDeclaredMethods()) {
                found |= Modifier.isPublic(method.getModifiers()) && method.getName().equals(name)
                        && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                                .toMethodDescriptorString().equals(descriptor);
            }
            for (Field field : owner.getDeclaredFields()) {
                found |= Modifier.isPublic(field.getModifiers()) && field.getName().equals(name)
                        && field.getType().descriptorString().equals(descriptor);
            }
            if (!found) {
                missing.add(member);
            }
        }
        return missing;
    }
}
