package sockshare.cli;

import java.util.OptionalInt;
import sockshare.resident.ResidentClient;

/**
 * The jar's entry point. An experiment goes to the resident launcher when the user has started
 * one (sockshare resident start); anything else, or when none answers, runs in this JVM. This
 * class must not touch picocli or JNA before that choice: a handed-over command costs only the
 * JDK's start. {@code list} typed alone is printed here, without picocli. The sockshare script
 * hands a command over itself, without a JVM, and starts this one only when none took it.
 */
public final class Entry {
    /** Set by the sockshare script when its own client asked the resident launcher, which did not take the command. */
    private static final String HAND_OVER_TRIED = "sockshare.handOverTried";
    /** Set by the sockshare script to the folder in which it found no resident launcher running: not looked in again. */
    private static final String LOOKED_IN = "sockshare.residentLookedIn";

    private Entry() {
    }

    public static void main(String[] args) {
        if (isListAlone(args) && ListCommand.printAlone(System.out)) {
            System.exit(ExitCodes.OK);
        }
        OptionalInt resident = Boolean.getBoolean(HAND_OVER_TRIED) ? OptionalInt.empty() : ResidentClient.run(args, System.getProperty(LOOKED_IN));
        if (resident.isPresent()) {
            System.exit(resident.getAsInt());
        }
        Main.main(args);
    }

    /** @return whether the command line is {@code list} and nothing else: any option goes to picocli, which reads it */
    static boolean isListAlone(String[] args) {
        return args.length == 1 && args[0].equals("list");
    }
}
