package sockshare.cli;

import sockshare.actor.SocketActor;
import sockshare.spawn.Orphans;
import sockshare.startup.ChildStartup;

/**
 * The launcher's own libc, linked through JNA on a thread of its own while the main thread reads
 * the scenario and looks up the children's start-up cache: JNA's start and the link take a cold
 * launcher 45-60 ms, and the run's first socket and posix_spawn need them. Then it makes this JVM
 * the subreaper of the children it is about to start (Orphans). The main thread needs no word from
 * it: a class being initialised here, or the adoption under way, is waited for there.
 */
final class LibcAhead implements Runnable {
    /** Once per JVM: a test executes many command lines in one. */
    private static boolean started;

    private LibcAhead() {
    }

    /**
     * Starts the thread, once per JVM; it does not keep the JVM alive should the run end first. Its
     * task is a class of its own, not a lambda: the JVM's first lambda links the lambda machinery,
     * 6-15 ms the link would wait for; the main thread pays that meanwhile, on the other core.
     */
    static synchronized void start() {
        if (!started) {
            started = true;
            Thread thread = new Thread(new LibcAhead(), "libc-ahead");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void run() {
        try {
            // before JNA starts: the children's copy of its native library, and no ldconfig
            ChildStartup.pointJna();
            SocketActor.linkLibc();
            // what each of act 1's spawning threads did first, one waiting for the other (about 2 ms)
            Orphans.adoptForLife();
        } catch (RuntimeException | LinkageError e) {
            // the main thread's first libc call meets the same failure, and says it
        }
    }
}
