package sockshare.cli;

/** Input the command cannot use; reported as one line with exit status 2. */
public final class BadInput extends Exception {
    public BadInput(String message) {
        super(message);
    }
}
