package sockshare.expect;

/**
 * What a student's prediction reads as. A prediction is never refused: a misspelt word is
 * {@link Unknown}, graded as unanswered and shown with what was probably meant.
 */
public sealed interface ExpectationReading {

    /** The prediction is this value. */
    record Known(Expectation value) implements ExpectationReading {
    }

    /** No prediction yet: nothing after {@code predict:}, or {@code ?}. */
    record Unanswered() implements ExpectationReading {
    }

    /**
     * A word that is no result: {@code message} says so in one line ({@code EBDAF is not an errno;
     * did you mean EBADF?}); {@code suggestion} is the word meant, or null when none is close.
     */
    record Unknown(String word, String message, String suggestion) implements ExpectationReading {
    }
}
