package sockshare.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * The words that start a tool (tcpdump) so that it dies with this launcher from the moment it is
 * spawned, whatever ends the launcher, SIGKILL included. PR_SET_PDEATHSIG cannot be set on the
 * tool itself: the kernel clears it when tcpdump drops its privileges, or when it gains file
 * capabilities at exec. So a shell holds it: {@code setpriv --pdeathsig TERM} ties the shell,
 * whose credentials never change, to the launcher's spawning thread; the shell starts the tool
 * as its child and ends it on SIGTERM, which the launcher's own stop also sends. Before it
 * starts the tool, the shell checks its parent is still the launcher: one that died before
 * the death signal was set would never send it.
 */
final class TiedTool {
    private static final String SETPRIV = "/usr/bin/setpriv";
    /**
     * The terminal's signals reach the whole foreground group: the holder outlives them to end
     * the tool on the launcher's TERM. A TERM before the tool has started is remembered and passed
     * on as soon as its pid is known.
     */
    private static final String HOLDER = "trap '' INT QUIT HUP; trap 'gone=1; [ -n \"$tool\" ] && kill -TERM \"$tool\" 2>/dev/null' TERM; "
            + "[ \"$PPID\" = \"$1\" ] || exit 1; shift; "
            + "\"$@\" & tool=$!; "
            + "[ -n \"$gone\" ] && kill -TERM \"$tool\" 2>/dev/null; "
            // a wait cut short by a TERM (the launcher's stop, then its death) returns above 128 while the tool may
            // still be ending; one for a pid that is no child (any more) returns 127
            + "while :; do wait \"$tool\"; status=$?; [ \"$status\" -le 128 ] && break; "
            + "kill -0 \"$tool\" 2>/dev/null || break; done; exit \"$status\"";

    private TiedTool() {
    }

    /** @return {@code argv} run under a holder that ends it when this launcher ends */
    static List<String> argv(List<String> argv) {
        List<String> words = new ArrayList<>(List.of(SETPRIV, "--pdeathsig", "TERM", "--", "/bin/sh", "-c", HOLDER,
                "sockshare-holder", Long.toString(ProcessHandle.current().pid())));
        words.addAll(argv);
        return words;
    }
}
