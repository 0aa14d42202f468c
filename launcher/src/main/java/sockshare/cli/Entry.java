package sockshare.cli;

import java.util.OptionalInt;
import sockshare.resident.ResidentClient;

/**
 * The jar's entry point. An experiment goes to the resident launcher when the user has started
 * one (sockshare resident start); anything else, or when none answers, runs in this JVM. This
 * class must not touch picocli or JNA before that choice: a handed-over command costs only the
 * JDK's start. {@code list} typed alone is printed here, without picocli.
 */
public final class Entry {
    /** Set by the sockshare script when this JVM has a client's flags: a command no resident took is left to the script. */
    private static final String HAND_OVER_ONLY = "sockshare.handOverOnly";
    /** Set by the sockshare script on the launcher it runs after such a client: the resident was asked already. */
    private static final String HAND_OVER_TRIED = "sockshare.handOverTried";

    private Entry() {
    }

    public static void main(String[] args) {
        if (isListAlone(args) && ListCommand.printAlone(System.out)) {
            System.exit(ExitCodes.OK);
        }
        OptionalInt resident = Boolean.getBoolean(HAND_OVER_TRIED) ? OptionalInt.empty() : ResidentClient.run(args);
        if (resident.isPresent()) {
            System.exit(resident.getAsInt());
        }
        if (Boolean.getBoolean(HAND_OVER_ONLY)) {
            System.exit(ExitCodes.NOT_HANDED_OVER);
        }
        Main.main(args);
    }

    /** @return whether the command line is {@code list} and nothing else: any option goes to picocli, which reads it */
    static boolean isListAlone(String[] args) {
        return args.length == 1 && args[0].equals("list");
    }
}
