package sockshare.child;

/**
 * A JVM that does nothing for a while: run with the children's flags and class path, its
 * resident set is the floor a child's is compared with (sockshare bench). It lives with the
 * child's classes so that it runs from the child's jar and maps the child's class-data archive.
 */
public final class IdleJvm {
    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]));
    }
}
