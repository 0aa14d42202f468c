package sockshare.report;

/** ANSI colour where the output is a terminal that wants it; plain text when piped or NO_COLOR is set. */
public final class Style {
    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    /** @see Tty#style() */
    static Style colour() {
        return new Style(true);
    }

    public static Style plain() {
        return new Style(false);
    }

    String bold(String s) {
        return colour ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    String good(String s) {
        return colour ? "\u001b[32m" + s + "\u001b[0m" : s;
    }

    String bad(String s) {
        return colour ? "\u001b[31m" + s + "\u001b[0m" : s;
    }

    String dim(String s) {
        return colour ? "\u001b[2m" + s + "\u001b[0m" : s;
    }
}
