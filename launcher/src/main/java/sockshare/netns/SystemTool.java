package sockshare.netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A program of the machine the namespaces are set up with, found in the system's own folders, never through PATH. */
record SystemTool(String name, String packageName) {
    static final SystemTool IP = new SystemTool("ip", "iproute2");
    static final SystemTool TC = new SystemTool("tc", "iproute2");
    static final SystemTool UNSHARE = new SystemTool("unshare", "util-linux");
    static final SystemTool SETPRIV = new SystemTool("setpriv", "util-linux");
    static final SystemTool NSENTER = new SystemTool("nsenter", "util-linux");
    static final SystemTool CAT = new SystemTool("cat", "coreutils");

    private static final List<String> FOLDERS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /** @return the program's path */
    String path() throws NamespaceException {
        for (String folder : FOLDERS) {
            Path p = Path.of(folder, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new NamespaceException(name + " is not installed (apt-get install " + packageName + ")");
    }
}
