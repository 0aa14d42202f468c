package sockshare.report;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The JSON parser's limits on a line of a recording, Jackson's defaults, each of which says which
 * it is when a line passes it: Jackson throws one exception type for all of them, told apart only
 * by its message, Jackson's words, which name its API.
 */
final class ReadLimits extends StreamReadConstraints {
    /** A limit passed, and which, in words for the user. */
    static final class Passed extends StreamConstraintsException {
        private static final long serialVersionUID = 1L;

        Passed(String limit) {
            super(limit);
        }
    }

    ReadLimits() {
        this(StreamReadConstraints.defaults());
    }

    private ReadLimits(StreamReadConstraints d) {
        super(d.getMaxNestingDepth(), d.getMaxDocumentLength(), d.getMaxNumberLength(), d.getMaxStringLength(),
                d.getMaxNameLength(), d.getMaxTokenCount());
    }

    /**
     * Jackson's own test (its validate methods throw when the value is above the limit), with the
     * words made only when it fails: these run on every value of every line read.
     */
    private static void check(int value, int limit, String before, String after) throws Passed {
        if (value > limit) {
            throw new Passed(before + limit + after);
        }
    }

    @Override
    public void validateNestingDepth(int depth) throws StreamConstraintsException {
        check(depth, _maxNestingDepth, "nested deeper than ", " levels");
    }

    @Override
    public void validateIntegerLength(int length) throws StreamConstraintsException {
        check(length, _maxNumLen, "a number longer than ", " digits");
    }

    @Override
    public void validateFPLength(int length) throws StreamConstraintsException {
        check(length, _maxNumLen, "a number longer than ", " digits");
    }

    @Override
    public void validateNameLength(int length) throws StreamConstraintsException {
        check(length, _maxNameLen, "a key longer than ", " characters");
    }

    @Override
    public void validateStringLength(int length) throws StreamConstraintsException {
        check(length, _maxStringLen, "a value longer than ", " characters");
    }
}
