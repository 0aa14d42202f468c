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

        Passed(String limit, StreamConstraintsException cause) {
            super(limit);
            initCause(cause);
        }
    }

    ReadLimits() {
        this(StreamReadConstraints.defaults());
    }

    private ReadLimits(StreamReadConstraints d) {
        super(d.getMaxNestingDepth(), d.getMaxDocumentLength(), d.getMaxNumberLength(), d.getMaxStringLength(),
                d.getMaxNameLength(), d.getMaxTokenCount());
    }

    @Override
    public void validateNestingDepth(int depth) throws StreamConstraintsException {
        try {
            super.validateNestingDepth(depth);
        } catch (StreamConstraintsException e) {
            throw new Passed("nested deeper than " + _maxNestingDepth + " levels", e);
        }
    }

    @Override
    public void validateIntegerLength(int length) throws StreamConstraintsException {
        try {
            super.validateIntegerLength(length);
        } catch (StreamConstraintsException e) {
            throw numberPassed(e);
        }
    }

    @Override
    public void validateFPLength(int length) throws StreamConstraintsException {
        try {
            super.validateFPLength(length);
        } catch (StreamConstraintsException e) {
            throw numberPassed(e);
        }
    }

    private Passed numberPassed(StreamConstraintsException e) {
        return new Passed("a number longer than " + _maxNumLen + " digits", e);
    }

    @Override
    public void validateNameLength(int length) throws StreamConstraintsException {
        try {
            super.validateNameLength(length);
        } catch (StreamConstraintsException e) {
            throw new Passed("a key longer than " + _maxNameLen + " characters", e);
        }
    }

    @Override
    public void validateStringLength(int length) throws StreamConstraintsException {
        try {
            super.validateStringLength(length);
        } catch (StreamConstraintsException e) {
            throw new Passed("a value longer than " + _maxStringLen + " characters", e);
        }
    }
}
