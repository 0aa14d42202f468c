package sockshare.actor;

/**
 * How the shared socket reaches a child, and at which fd numbers the child finds it, its
 * control channel and, for a child that serves later acts too, the Unix socket those acts'
 * sockets arrive on by SCM_RIGHTS: the launcher puts them there and the child takes them from there.
 */
public enum Handoff {
    /** inetd style: the socket is the child's fd 0, taken with {@code System.inheritedChannel()}. */
    STDIN("stdin", 0, 3, 4),
    /**
     * systemd style: the socket is fd 3 (SD_LISTEN_FDS_START), announced by LISTEN_FDS, LISTEN_PID
     * and LISTEN_FDNAMES.
     */
    LISTEN_FDS("listen-fds", 3, 4, 5),
    /**
     * Warm pool: the child starts before the socket exists, with a Unix socket at fd 3 on which
     * each act's socket arrives by SCM_RIGHTS; see sockshare.pool.
     */
    SCM_RIGHTS("scm-rights", 3, 4, 3);

    private final String word;
    private final int socketFd;
    private final int controlFd;
    private final int laterActsFd;

    Handoff(String word, int socketFd, int controlFd, int laterActsFd) {
        this.word = word;
        this.socketFd = socketFd;
        this.controlFd = controlFd;
        this.laterActsFd = laterActsFd;
    }

    public String word() {
        return word;
    }

    /** @return the fd number the socket (for scm-rights, the channel it comes over) has in the child */
    public int socketFd() {
        return socketFd;
    }

    /** @return the fd number the control channel has in the child */
    public int controlFd() {
        return controlFd;
    }

    /**
     * @return the fd number of the Unix socket on which a child that stays for later acts is
     *         passed their sockets with SCM_RIGHTS; for scm-rights it is the one it got the first on
     */
    public int laterActsFd() {
        return laterActsFd;
    }

    /** @return the handoff spelled {@code word}, or null */
    public static Handoff parse(String word) {
        for (Handoff h : values()) {
            if (h.word.equals(word)) {
                return h;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return word;
    }
}
