package sockshare.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.resident.Request;

/** resident status on a folder it will not use says why, in the line run, demo and lab print for it. */
class ResidentStatusTest {
    private static final int NOBODY = 65534;
    private static final String NONE = "'sockshare resident start' starts one.";

    @Test
    void anotherUsersFolderIsNamedWithItsOwner(@TempDir Path dir) throws Exception {
        Path resident = Files.createDirectory(dir.resolve("resident"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(resident, "unix:uid", NOBODY);
        Said said = status(resident);
        assertEquals("sockshare: not using the resident launcher of " + resident + ": " + resident + " belongs to nobody\n",
                said.err);
        assertEquals("No resident launcher answers in " + resident + "; " + NONE + "\n", said.out);
        assertEquals(ExitCodes.FAILED, said.exit);
    }

    @Test
    void aPlantedSymlinkIsNotAFolder(@TempDir Path dir) throws Exception {
        Path resident = Files.createSymbolicLink(dir.resolve("resident"), Files.createDirectory(dir.resolve("elsewhere")));
        assertEquals("sockshare: not using the resident launcher of " + resident + ": " + resident + " is not a directory\n",
                status(resident).err);
    }

    @Test
    void noFolderIsNoResidentAndNothingElse(@TempDir Path dir) {
        Said said = status(dir.resolve("none"));
        assertEquals("", said.err);
        assertEquals(ExitCodes.FAILED, said.exit);
    }

    @Test
    void aFolderThatCannotBeReachedSaysWhy(@TempDir Path dir) throws Exception {
        Path resident = Files.writeString(dir.resolve("file"), "x").resolve("resident");
        Said said = status(resident);
        assertEquals("sockshare: cannot look at the resident launcher's folder " + resident + ": Not a directory\n", said.err);
        assertEquals(ExitCodes.FAILED, said.exit);
    }

    private record Said(int exit, String out, String err) {
    }

    private static Said status(Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ResidentCommand.ask(dir, Request.Kind.STATUS, new PrintWriter(out, true), new PrintWriter(err, true), NONE,
                ExitCodes.FAILED);
        return new Said(exit, out.toString(), err.toString());
    }
}
