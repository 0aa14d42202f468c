package sockshare.report;

/**
 * Text bound for a PlantUML diagram's source, written so that PlantUML can only show it. Its
 * preprocessor acts on {@code !} directives, {@code %} builtin functions and {@code $}
 * variables, and its Creole markup on {@code <img:…>}, {@code [[links]]}, {@code <&icons>} and
 * styling marks: every character outside letters, digits, space and {@code .,:()+} is written as
 * a numeric character reference ({@code &#37;} for {@code %}), which PlantUML turns back into
 * that character only when it draws the text, after the preprocessor and Creole have run. A
 * line break cannot be formed either: controls become visible escapes first ({@link Printable}).
 */
public final class PlantUmlText {
    private PlantUmlText() {
    }

    public static String of(String userText) {
        String s = Printable.of(userText == null ? "" : userText);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            if (isPlain(c)) {
                sb.append((char) c);
            } else {
                sb.append("&#").append(c).append(';');
            }
        });
        return sb.toString();
    }

    private static boolean isPlain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || " .,:()+".indexOf(c) >= 0;
    }
}
