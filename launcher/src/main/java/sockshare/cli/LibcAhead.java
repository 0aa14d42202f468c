package sockshare.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sockshare.actor.SocketActor;
import sockshare.startup.ChildStartup;

/**
 * The launcher's own libc, linked through JNA on a thread of its own while the main thread reads
 * the scenario and looks up the children's start-up cache: JNA's start and the link take a cold
 * launcher 45-60 ms, and the run's first socket and posix_spawn need them. The main thread needs
 * no word from it: a class being initialised here is waited for there.
 */
final class LibcAhead {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private LibcAhead() {
    }

    /** Starts the thread, once per JVM; it does not keep the JVM alive should the run end first. */
    static void start() {
        if (STARTED.getAndSet(true)) {
            return;
        }
        Thread thread = new Thread(LibcAhead::link, "libc-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private static void link() {
        try {
            // before JNA starts: the children's copy of its native library, and no ldconfig
            ChildStartup.pointJna();
            SocketActor.linkLibc();
        } catch (RuntimeException | LinkageError e) {
            // the main thread's first libc call meets the same failure, and says it
        }
    }
}
