package sockshare.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input corpus: text that an interpreter downstream of sockshare (PlantUML, a
 * terminal) would act on, with a secret file whose content must never appear in any output and
 * a fifo whose opening would block forever.
 */
public record HostileText(Path secret, Path fifo, String secretContent) {
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|lt|gt|amp|quot|apos);");

    /** Makes the secret file and the fifo in {@code dir}. */
    public static HostileText in(Path dir) throws IOException, InterruptedException {
        String content = "sockshare-hostile-secret-9f3b2a7c";
        Path secret = Files.writeString(dir.resolve("secret.json"), "{\"k\":\"" + content + "\"}\n");
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        return new HostileText(secret, fifo, content);
    }

    /** @return every form of the PlantUML corpus, with the secret's and the fifo's paths filled in */
    public List<String> plantUmlForms() {
        try (InputStream in = HostileText.class.getResourceAsStream("/hostile-input/plantuml.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("# "))
                    .map(l -> l.replace("SECRET", secret.toString()).replace("FIFO", fifo.toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the text an SVG shows: its text nodes, character references decoded */
    public static String svgText(String svg) {
        String text = svg.replaceAll("<[^>]*>", "\n");
        Matcher m = ENTITY.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> Character.toString(e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16)
                        : Integer.parseInt(e.substring(1)));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(c));
        }
        m.appendTail(sb);
        return sb.toString().replace('\u00a0', ' ');
    }
}
