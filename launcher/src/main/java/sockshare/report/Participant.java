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

    public static Participant holder(String name) {
        return new Participant(name, Role.HOLDER);
    }

    /** @return the label a diagram shows on the lifeline */
    public String label() {
        switch (role) {
            case SOCKET:
                return "shared socket";
            case WIRE:
                return "wire";
            case PEER:
                return "peer (launcher)";
            default:
                return id;
        }
    }
}
