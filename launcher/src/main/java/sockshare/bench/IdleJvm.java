package sockshare.bench;

/**
 * A JVM that does nothing for a while: run with the children's flags, its resident set is
 * the floor a child's is compared with.
 */
public final class IdleJvm {
    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]));
    }
}
