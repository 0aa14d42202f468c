package sockshare.report;

import java.util.ArrayList;
import java.util.List;

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

    /** @return {@code s} broken at spaces into lines of at most {@code width}, lines after the first indented */
    static List<String> wrapLines(String s, int width, int indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            int room = width - (lines.isEmpty() ? 0 : indent);
            if (line.length() > 0 && line.length() + 1 + word.length() > room) {
                lines.add((lines.isEmpty() ? "" : " ".repeat(indent)) + line);
                line.setLength(0);
                room = width - indent;
            }
            // a word longer than a whole line is split where the line ends
            while (word.length() > room) {
                int cut = Math.max(1, room - line.length() - (line.length() > 0 ? 1 : 0));
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word, 0, cut);
                lines.add((lines.isEmpty() ? "" : " ".repeat(indent)) + line);
                line.setLength(0);
                word = word.substring(cut);
                room = width - indent;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add((lines.isEmpty() ? "" : " ".repeat(indent)) + line);
        return lines;
    }

    static String wrap(String s, int width, int indent) {
        return String.join("\n", wrapLines(s, width, indent));
    }
}
