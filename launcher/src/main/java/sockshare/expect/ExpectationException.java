package sockshare.expect;

/**
 * Expectation text that is no result: the message says why, and what was meant when a word is
 * misspelt; {@link #word()} is that word as written, so that a file's reader can point at it.
 */
public final class ExpectationException extends Exception {
    private final String word;

    public ExpectationException(String message) {
        this(message, null);
    }

    public ExpectationException(String message, String word) {
        super(message);
        this.word = word;
    }

    /** @return the word at fault as the text has it, or null when the whole text is */
    public String word() {
        return word;
    }
}
