package sockshare.actor;

/**
 * One operation sent to one actor. {@code arg} is the shutdown direction (RD, WR, RDWR), the
 * text to send, {@code blocking} for a plain recv(2), {@code dup} for closing the copy or reading its state (or
 * {@code socket} for closing through the java.net.Socket adaptor),
 * {@code on}/{@code off} for nonblock, the seconds for linger, or the misuse's name;
 * {@code timeoutMs} bounds a recv.
 */
public record Command(int seq, Op op, Api api, String arg, int timeoutMs) {
    /** The recv argument for a plain recv(2) with no poll(2) first. */
    public static final String BLOCKING = "blocking";
    /** The close and state argument for acting on the copy {@link Op#DUP} made. */
    public static final String DUP = "dup";
    /** The Java close argument for closing through the channel's java.net.Socket adaptor. */
    public static final String SOCKET = "socket";

    /** @return the operation as a reader would write the call, as in {@code shutdown(SHUT_RDWR)} */
    public String display() {
        return op.display(this);
    }
}
