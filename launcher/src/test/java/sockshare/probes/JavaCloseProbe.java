package sockshare.probes;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Closes a connected java.net.Socket, then a connected blocking SocketChannel, with a marker
 * written to stderr before each, so that strace shows which syscalls each close made.
 */
public final class JavaCloseProbe {
    private JavaCloseProbe() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort())) {
            Socket accepted = server.accept();
            System.err.println("MARK Socket.close");
            accepted.close();
        }
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            SocketChannel accepted = server.accept();
            System.err.println("MARK SocketChannel.close");
            accepted.close();
        }
        System.err.println("MARK end");
    }
}
