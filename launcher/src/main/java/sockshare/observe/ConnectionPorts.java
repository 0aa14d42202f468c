package sockshare.observe;

import sockshare.actor.TcpEndsSeen.Side;
import sockshare.socket.SharedConnection;

/**
 * The two ports of an act's TCP connection, and which end a port, or a (from, to) pair of
 * ports, belongs to: tcpdump's segments and the kernel's tracepoints name the connection by
 * its ports, and must agree with the socket tables on which end is which.
 */
record ConnectionPorts(int holders, int peer) {

    static ConnectionPorts of(SharedConnection connection) {
        return new ConnectionPorts(connection.holderAddress().getPort(), connection.peerAddress().getPort());
    }

    /** @return the end a socket or segment from {@code from} to {@code to} belongs to, or null when it is not this connection's */
    Side endFrom(int from, int to) {
        return from == holders && to == peer ? Side.HOLDERS : from == peer && to == holders ? Side.PEER : null;
    }

    /** @return the end that has {@code port}, or null */
    Side endAt(int port) {
        return port == holders ? Side.HOLDERS : port == peer ? Side.PEER : null;
    }
}
