package sockshare.expect;

/** Expectation text that is no result: the message says why, and what was meant when a word is misspelt. */
public final class ExpectationException extends Exception {
    public ExpectationException(String message) {
        super(message);
    }
}
