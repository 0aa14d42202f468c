package sockshare.scenario;

/**
 * The YAML mistakes students make most, said in their words and placed where they made them
 * (SnakeYAML reports a tab at the end of the line before it, and an over-indented key or a
 * colon in unquoted text as "mapping values are not allowed here" at a colon).
 */
final class YamlMistake {
    private static final String MAPPING_VALUES = "mapping values are not allowed here";

    private YamlMistake() {
    }

    /**
     * @param text    the whole file
     * @param message the parser's message
     * @param line    where the parser stopped, from 1 (0 when unknown)
     * @param column  where the parser stopped, from 1
     * @return {@code :LINE:COLUMN: what is wrong} for a mistake recognised here, else null
     */
    static String explain(String text, String message, int line, int column) {
        String[] lines = text.split("\\n", -1);
        if (message != null && message.contains("(TAB)")) {
            for (int i = 0; i < lines.length; i++) {
                int tab = indentationTab(lines[i]);
                if (tab >= 0) {
                    return at(i + 1, tab + 1) + "a tab indents this line; YAML indents with spaces only";
                }
            }
            return null;
        }
        if (message == null || !message.startsWith(MAPPING_VALUES) || line < 1 || line > lines.length) {
            return null;
        }
        String here = lines[line - 1];
        int start = firstKey(here);
        int keyColon = here.indexOf(": ", start);
        if (keyColon >= 0 && keyColon < column - 1) {
            // a key, then more text holding ': ', on one line: the text was meant as one value
            String value = here.substring(keyColon + 2).strip();
            return at(line, column) + "': ' inside unquoted text starts a new key; put the text in quotes: "
                    + here.substring(start, keyColon + 2) + "'" + value.replace("'", "''") + "'";
        }
        int above = line - 2;
        while (above >= 0 && (lines[above].isBlank() || lines[above].strip().startsWith("#"))) {
            above--;
        }
        if (above < 0) {
            return null;
        }
        String key = here.strip();
        key = key.substring(key.startsWith("- ") ? 2 : 0, Math.max(key.indexOf(':'), key.startsWith("- ") ? 2 : 0)).strip();
        return at(line, start + 1) + "'" + key + "' is indented more than line " + (above + 1)
                + " above it; the keys of one mapping start in the same column (" + (firstKey(lines[above]) + 1)
                + " there), as a step's options line up under its actor";
    }

    /** @return the index of the first tab in the line's indentation, or -1 */
    private static int indentationTab(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                return line.substring(i).isBlank() ? -1 : i;
            }
            if (c != ' ') {
                return -1;
            }
        }
        return -1;
    }

    /** @return the index where the line's first key starts, after its indentation and any "- " */
    private static int firstKey(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '-' && i + 1 < line.length()
                && line.charAt(i + 1) == ' ')) {
            i++;
        }
        return i;
    }

    private static String at(int line, int column) {
        return ":" + line + ":" + column + ": ";
    }
}
