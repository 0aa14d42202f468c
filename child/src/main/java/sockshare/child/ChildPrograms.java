package sockshare.child;

import java.util.Arrays;
import sockshare.actor.ChildContract;

/**
 * The child's jar's Main-Class: runs the program its first argument names, so that every kind of
 * child starts as {@code java -jar child.jar PROGRAM}. A child started that way needs no JVM option
 * for what it reaches into (JdkChannels' {@code Add-Opens} and JNA's {@code Enable-Native-Access} are
 * in the jar's manifest, sockshare/child/MANIFEST.MF): such options on the command line stop JDK 17
 * from mapping the module graph its class-data archive holds, ~28 ms of a child's CPU (perf.md).
 * The program is named by its class name, which tools that pick children out by their command
 * line look for.
 */
public final class ChildPrograms {
    private ChildPrograms() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case ChildContract.CHILD_MAIN -> ChildMain.main(rest);
            case ChildContract.ACCEPTOR_MAIN -> AcceptorMain.main(rest);
            case ChildContract.IDLE_JVM -> IdleJvm.main(rest);
            default -> {
                System.err.println("usage: java -jar child.jar " + ChildContract.CHILD_MAIN + "|"
                        + ChildContract.ACCEPTOR_MAIN + "|" + ChildContract.IDLE_JVM + " [ARGS]");
                System.exit(2);
            }
        }
    }
}
