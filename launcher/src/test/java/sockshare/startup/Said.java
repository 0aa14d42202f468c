package sockshare.startup;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** What the start-up cache says on System.err while a call runs: its refusals are one line each. */
final class Said {
    private Said() {
    }

    /** @return what {@code call} returned, with what it wrote to System.err in {@code said} */
    static <T> T saying(ByteArrayOutputStream said, Callable<T> call) throws Exception {
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            return call.call();
        } finally {
            System.setErr(stderr);
        }
    }
}
