package sockshare.child;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import sockshare.libc.LibCConstants;
import sockshare.libc.Fd;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;

/**
 * The two places where the child reaches into the JDK's internals (sun.nio.ch is opened to it by
 * the child's jar's manifest, or by {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} for a
 * child run from a class path): the fd number behind a channel, and
 * a JDK {@code SocketChannel} on an fd the JDK did not open, built with the same constructor
 * {@code System.inheritedChannel()} uses, so that its close and shutdown take the JDK's own path.
 * The signatures are the same in JDK 17 and 25.
 */
final class JdkChannels {
    /** Asked when either reach into the JDK fails: what both need. */
    private static final String OPENED = " (is sun.nio.ch open to it: run from the child's jar, or with"
            + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED?)";

    private JdkChannels() {
    }

    static int fdOf(java.nio.channels.Channel channel) throws IOException {
        try {
            Class<?> impl = Class.forName(channel instanceof SocketChannel ? "sun.nio.ch.SocketChannelImpl"
                    : "sun.nio.ch.ServerSocketChannelImpl");
            Method getFDVal = impl.getDeclaredMethod("getFDVal");
            getFDVal.setAccessible(true);
            return (int) getFDVal.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot read the fd behind " + channel.getClass().getName()
                    + OPENED, e);
        }
    }

    static SocketChannel channelOn(Fd fd) throws IOException {
        int family = LibCConstants.AF_INET;
        SocketAddress remote;
        java.net.InetSocketAddress peer = Syscalls.getpeername(fd);
        if (peer == null) {
            family = LibCConstants.AF_UNIX;
            remote = UnixDomainSocketAddress.of("");
        } else {
            remote = peer;
            family = SockAddr.family(peer.getAddress());
        }
        ProtocolFamily pf = family == LibCConstants.AF_UNIX ? StandardProtocolFamily.UNIX
                : family == LibCConstants.AF_INET6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try {
            Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
            Method newFD = ioUtil.getDeclaredMethod("newFD", int.class);
            newFD.setAccessible(true);
            FileDescriptor descriptor = (FileDescriptor) newFD.invoke(null, fd.number());
            Class<?> impl = Class.forName("sun.nio.ch.SocketChannelImpl");
            Constructor<?> ctor = impl.getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class,
                    FileDescriptor.class, SocketAddress.class);
            ctor.setAccessible(true);
            return (SocketChannel) ctor.newInstance(SelectorProvider.provider(), pf, descriptor, remote);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot build a SocketChannel on fd " + fd.number()
                    + OPENED, e);
        }
    }

    /**
     * @return a JDK channel on a connected socket, or null for a listening one: its steps
     *         (accept, shutdown, close) are made at libc level
     */
    static SocketChannel channelUnlessListening(Fd fd) throws IOException {
        boolean listening = Syscalls.getsockoptInt(fd, LibCConstants.SOL_SOCKET, LibCConstants.SO_ACCEPTCONN) != 0;
        return listening ? null : channelOn(fd);
    }
}
