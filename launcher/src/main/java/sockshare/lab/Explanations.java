package sockshare.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import sockshare.actor.CallResult;
import sockshare.actor.Op;
import sockshare.scenario.Step;

/**
 * Why the kernel answered as it did, from native-notes/lab-explanations.md (shipped in the jar):
 * one section per {@code ## [peer|holder] OP RESULT} heading, looked up from the most specific
 * key to the least, so that one paragraph in the notes serves every lab.
 */
public final class Explanations {
    static final String RESOURCE = "/native-notes/lab-explanations.md";
    private final Map<String, String> sections;

    private Explanations(Map<String, String> sections) {
        this.sections = sections;
    }

    public static Explanations load() {
        try (InputStream in = Explanations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static Explanations parse(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        String key = null;
        StringBuilder text = new StringBuilder();
        for (String line : (markdown + "\n## end").split("\n")) {
            if (line.startsWith("## ")) {
                if (key != null) {
                    sections.put(key, text.toString().strip().replaceAll("\\s*\n\\s*", " "));
                }
                key = line.substring(3).strip().toLowerCase(Locale.ROOT);
                text.setLength(0);
            } else if (key != null) {
                text.append(line).append('\n');
            }
        }
        return new Explanations(sections);
    }

    /** @return the paragraph that explains {@code answer} for this step; the general one when none is more specific */
    public String explain(Step step, CallResult answer) {
        String role = step.isPeer() ? "peer" : "holder";
        String op = step.op().word();
        String result = kind(answer);
        for (String key : new String[] {role + " " + op + " " + result, op + " " + result, role + " " + op, "*"}) {
            String text = sections.get(key);
            if (text != null && !text.isEmpty()) {
                return text;
            }
        }
        return "see native-notes/close-vs-shutdown.md";
    }

    /** @return the kind of answer a heading names: data, bytes, an errno or a TCP state in lower case, ok, eof, timeout */
    private static String kind(CallResult answer) {
        if (answer == null) {
            return "none";
        }
        return switch (answer.outcome()) {
            case BYTES -> answer.received() != null && answer.op() == Op.RECV ? "data" : "bytes";
            case ERROR -> answer.errno() == null ? "error" : answer.errnoName().toLowerCase(Locale.ROOT);
            case OK -> answer.result().toLowerCase(Locale.ROOT);
            default -> answer.outcome().word();
        };
    }
}
