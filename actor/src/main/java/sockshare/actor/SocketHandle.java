package sockshare.actor;

import java.nio.channels.SocketChannel;
import sockshare.libc.Fd;

/**
 * An actor's reference to the shared socket: the fd its libc calls use and, in a child, the
 * JDK channel on that same fd for Java-level calls. One reference per process, so that a
 * close really drops this process's reference (see the child's handoff for how stdin mode
 * keeps it at one).
 */
/* channel is null where there is none: the peer, and a listening socket, which is used at libc level only */
public record SocketHandle(Fd fd, SocketChannel channel) {
}
