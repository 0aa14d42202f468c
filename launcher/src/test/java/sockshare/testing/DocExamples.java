package sockshare.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a Markdown document: fenced blocks tagged {@code sh} (one command a
 * line) and {@code yaml} (a scenario). Other blocks ({@code text}, untagged) are output and are
 * not run. A block is left out only by a marker on the line before it that says why:
 * {@code <!-- docs-test: skip: REASON -->} for the whole block, or
 * {@code <!-- docs-test: skip "PREFIX": REASON -->} for its commands that start with PREFIX.
 */
public final class DocExamples {
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\S*)\\s*$");
    private static final Pattern SKIP = Pattern.compile("^<!-- docs-test: skip(?: \"([^\"]+)\")?: (\\S.*\\S) -->$");
    /** A command's expected exit status, written in its comment, as in {@code # … (exit 1: …)}. */
    private static final Pattern EXIT = Pattern.compile("#.*\\bexit (\\d)\\b");

    private DocExamples() {
    }

    public enum Kind { COMMANDS, SCENARIO }

    /**
     * @param line       the 1-based line of the block's first line of content
     * @param skipPrefix commands starting with this are not run; null for none
     * @param skipReason why the block, or its commands with {@code skipPrefix}, are not run; null when all run
     */
    public record Block(String where, int line, Kind kind, String text, String skipPrefix, String skipReason) {
        public boolean skipped() {
            return skipReason != null && skipPrefix == null;
        }

        /** @return the block's commands to run, each with the line it is on */
        public List<Command> commands() {
            List<Command> commands = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String command = lines[i].strip();
                if (command.isEmpty() || command.startsWith("#") || skipPrefix != null && command.startsWith(skipPrefix)) {
                    continue;
                }
                Matcher exit = EXIT.matcher(command);
                commands.add(new Command(where + ":" + (line + i), command, exit.find() ? Integer.parseInt(exit.group(1)) : 0));
            }
            return commands;
        }
    }

    public record Command(String where, String line, int expectedExit) {
    }

    /** @return the runnable blocks of {@code markdown}, which is named {@code where} in messages */
    public static List<Block> of(String where, String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (!lines[i].isBlank()) {
                    previous = lines[i].strip();
                }
                continue;
            }
            String tag = fence.group(1);
            int start = i + 1;
            StringBuilder body = new StringBuilder();
            for (i = start; i < lines.length && !FENCE.matcher(lines[i]).matches(); i++) {
                body.append(lines[i]).append('\n');
            }
            Kind kind = switch (tag) {
                case "sh", "bash", "shell" -> Kind.COMMANDS;
                case "yaml" -> Kind.SCENARIO;
                default -> null;
            };
            if (kind != null) {
                Matcher skip = SKIP.matcher(previous);
                boolean marked = skip.matches();
                blocks.add(new Block(where, start + 1, kind, body.toString(), marked ? skip.group(1) : null,
                        marked ? skip.group(2) : null));
            }
            previous = "";
        }
        return blocks;
    }
}
