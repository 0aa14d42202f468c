package sockshare.observe;

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
    String endFrom(int from, int to) {
        return from == holders && to == peer ? TcpEnds.HOLDERS : from == peer && to == holders ? TcpEnds.PEER : null;
    }

    /** @return the end that has {@code port}, or null */
    String endAt(int port) {
        return port == holders ? TcpEnds.HOLDERS : port == peer ? TcpEnds.PEER : null;
    }
}
