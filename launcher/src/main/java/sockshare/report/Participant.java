package sockshare.report;

/**
 * One lifeline of a diagram of the shared socket: a holder (A, B, …), the shared socket
 * itself, the wire between its end and the peer's, or the peer.
 *
 * @param id the name diagrams and columns use for it
 */
public record Participant(String id, Role role) {
    public static final Participant SOCKET = new Participant("socket", Role.SOCKET);
    public static final Participant WIRE = new Participant("wire", Role.WIRE);
    public static final Participant PEER = new Participant("peer", Role.PEER);

    public enum Role { HOLDER, SOCKET, WIRE, PEER }

    /** What the peer end is: the launcher in a run, an outside client in a live session ({@code serve}). */
    public enum Peer {
        LAUNCHER("launcher"), CLIENT("client");

        private final String what;

        Peer(String what) {
            this.what = what;
        }
    }

    public static Participant holder(String name) {
        return new Participant(name, Role.HOLDER);
    }

    /** @return the label a run's diagram shows on the lifeline */
    public String label() {
        return label(Peer.LAUNCHER);
    }

    /** @return the label a diagram shows on the lifeline, where the peer end is {@code peer} */
    public String label(Peer peer) {
        switch (role) {
            case SOCKET:
                return "shared socket";
            case WIRE:
                return "wire";
            case PEER:
                return "peer (" + peer.what + ")";
            default:
                return id;
        }
    }
}
