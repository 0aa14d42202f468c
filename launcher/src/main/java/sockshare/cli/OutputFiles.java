package sockshare.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sockshare.files.IoReason;
import sockshare.startup.ChildStartup;

/**
 * The files a command writes its results to, checked before anything runs: writing them at the
 * end must neither fail after a whole run (a missing or read-only folder), nor hang (a fifo),
 * nor destroy what the command read (the scenario, the recording) or another of its results.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * @param outputs each output option with its file, in the order given (a null file: not asked for)
     * @param inputs  what the command reads, by what it is to the user ("scenario file"), with its file
     */
    static void check(Map<String, Path> outputs, Map<String, Path> inputs) throws BadInput {
        check(outputs, inputs, ChildStartup.findJar());
    }

    /** @param program the jar this sockshare runs from, which a result written over would break, or null */
    static void check(Map<String, Path> outputs, Map<String, Path> inputs, Path program) throws BadInput {
        Map<String, Path> read = new LinkedHashMap<>(inputs);
        read.put("sockshare jar this command runs from", program);
        Map<String, Path> taken = new LinkedHashMap<>();
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            if (o.getValue() == null) {
                continue;
            }
            String named = o.getKey() + " " + o.getValue();
            Path p = o.getValue().toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                throw new BadInput(named + ": is a directory; give a file name");
            }
            if (Files.exists(p) && !Files.isRegularFile(p)) {
                throw new BadInput(named + ": is not a regular file (a fifo or a device); give a file name");
            }
            for (Map.Entry<String, Path> in : read.entrySet()) {
                if (in.getValue() != null && same(p, in.getValue())) {
                    throw new BadInput(named + ": is the " + in.getKey() + ", which writing it would destroy");
                }
            }
            for (Map.Entry<String, Path> other : taken.entrySet()) {
                if (same(p, other.getValue())) {
                    throw new BadInput(named + ": " + other.getKey() + " writes to the same file");
                }
            }
            Path dir = p.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new BadInput(named + ": the directory " + dir + " does not exist");
            }
            String why = unwritable(dir);
            if (why != null) {
                throw new BadInput(named + ": no file can be made in " + dir + " (" + why + ")");
            }
            taken.put(o.getKey(), p);
        }
    }

    /**
     * @return why no file can be made in {@code dir}, found by making one (access(2) says yes to root, and in /proc), or null.
     *         Named by this process and the clock, made only if no file has the name: createTempFile's random name
     *         started SecureRandom, 8 ms of a cold launcher's way to its first child.
     */
    private static String unwritable(Path dir) {
        IOException failed = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path check = dir.resolve(".sockshare-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".check");
            try {
                Files.delete(Files.createFile(check));
                return null;
            } catch (FileAlreadyExistsException taken) {
                failed = taken; // someone else's file by that name: another name
            } catch (IOException e) {
                return IoReason.of(e);
            }
        }
        return IoReason.of(failed);
    }

    private static boolean same(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        try {
            return x.equals(y) || Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
        } catch (IOException e) {
            return false;
        }
    }
}
