package sockshare.actor;

/**
 * An actor's thread is about to block in a call: sent just before it, with the thread's id, so
 * that the launcher can check in /proc that the thread really sleeps in the kernel.
 *
 * @param call the call it blocks in, {@code poll(7, POLLIN|POLLRDHUP)}
 */
public record Waiting(long tNs, String actor, long pid, long tid, int seq, Op op, Api api, String arg, String call)
        implements Event {
    public static final String KIND = "wait";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String detail() {
        return call;
    }

    /** @return the call as a reader would write it, {@code recv()} */
    public String display() {
        return new Command(seq, op, api, arg, 0).display();
    }
}
