package sockshare.actor;

/**
 * One syscall a child made on the shared socket, as strace wrote it.
 *
 * @param tid   the thread that made it
 * @param seq   the command during which it was made, 0 when none
 * @param name  the syscall's name, {@code shutdown}
 * @param text  the call and its result as strace wrote them, {@code shutdown(9, SHUT_WR) = 0}
 * @param errno the errno it returned, else null
 */
public record SyscallSeen(long tStartNs, long tNs, String actor, long pid, long tid, int seq, String name, String text,
                          ErrorCode errno) implements Event {
    public static final String KIND = "syscall";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String detail() {
        return "strace, thread " + tid + (seq == 0 ? "" : ", during command " + seq);
    }
}
