package sockshare.actor;

/**
 * How a bulk transfer was declared stalled: no byte moved either way and both ends' windows were
 * closed (zero), through {@code quietMs} of watching this end's TCP_INFO.
 *
 * @param quietMs      the quiet period the step asked for: the stall is declared once it has passed
 * @param peerWindow   the other end's advertised receive window then, in bytes
 * @param ownWindow    this end's advertised receive window then, in bytes; -1 when the kernel does not say
 * @param sendBuffer   SO_SNDBUF then
 * @param receiveBuffer SO_RCVBUF then
 */
public record Stall(int quietMs, long peerWindow, long ownWindow, int sendBuffer, int receiveBuffer) {
}
