package sockshare.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A launcher driven through its stdin as a person at the console would: type a line, wait to see what it prints. */
public final class Interactive {
    private Interactive() {
    }

    public static void type(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** @return everything the launcher has written so far, stdout then stderr */
    public static String output(LauncherProcess p) {
        try {
            return p.out() + p.err();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code text} until {@code pattern} occurs in it; the test fails after {@code seconds}
     * with what the text held by then.
     *
     * @param what what the test waits for, in words; null to name only the pattern
     */
    public static Matcher await(Supplier<String> text, Pattern pattern, String what, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String now = text.get();
            Matcher m = pattern.matcher(now);
            if (m.find()) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for " + (what == null ? pattern : what + " (" + pattern + ")")
                        + "; so far:\n" + now);
            }
            Thread.sleep(20);
        }
    }
}
