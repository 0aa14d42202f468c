package sockshare.report;

/** Fitting text into terminal columns. */
final class Text {
    private Text() {
    }

    static String fit(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, Math.max(0, width - 1)) + "…";
        }
        return s + " ".repeat(width - s.length());
    }
}
