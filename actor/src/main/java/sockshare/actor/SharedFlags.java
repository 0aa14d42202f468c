package sockshare.actor;

/**
 * The options of a socket every holder shares, as one holder reads them: O_NONBLOCK of the open
 * file description and SO_LINGER of the socket.
 *
 * @param lingerSeconds SO_LINGER's l_linger, null when l_onoff is 0
 */
public record SharedFlags(boolean nonblocking, Integer lingerSeconds) {
    public String describe() {
        return "O_NONBLOCK " + (nonblocking ? "on" : "off") + ", SO_LINGER "
                + (lingerSeconds != null ? "on " + lingerSeconds + " s" : "off");
    }
}
