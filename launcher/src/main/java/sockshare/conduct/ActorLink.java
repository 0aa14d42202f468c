package sockshare.conduct;

import java.io.IOException;
import sockshare.actor.Command;

/** The conductor's way to one actor: a child over its control channel, or the in-process peer. */
interface ActorLink {
    String name();

    long pid();

    /** Sends the command; its events arrive in the conductor's {@link Inbox}. */
    void submit(Command command) throws IOException;
}
