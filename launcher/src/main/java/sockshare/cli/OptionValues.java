package sockshare.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import sockshare.actor.Api;
import sockshare.actor.Handoff;

/** Option values several commands take, refused with the same one-line message whichever command takes them. */
final class OptionValues {
    private OptionValues() {
    }

    /** @return the handoff named {@code word}; only {@code allowed} ones, as not every command can use a warm pool */
    static Handoff handoff(String word, Handoff... allowed) throws BadInput {
        for (Handoff h : allowed) {
            if (h.word().equals(word)) {
                return h;
            }
        }
        String[] words = Arrays.stream(allowed).map(Handoff::word).toArray(String[]::new);
        String choices = String.join(", ", Arrays.copyOf(words, words.length - 1)) + " or " + words[words.length - 1];
        throw new BadInput("--handoff " + word + ": expected " + choices);
    }

    static Api api(String word) throws BadInput {
        Api a = Api.parse(word);
        if (a == null) {
            throw new BadInput("--api " + word + ": expected libc or java");
        }
        return a;
    }

    /** @param unit what follows the bounds in the message: {@code " ms"}, {@code " s"}, or empty for a count */
    static void inRange(String option, int value, int min, int max, String unit) throws BadInput {
        if (value < min || value > max) {
            throw new BadInput(option + " " + value + ": expected " + min + " to " + max + unit);
        }
    }

    /** The step deadline's bounds, the same for every command that runs steps. */
    static void stepTimeout(int ms) throws BadInput {
        inRange("--step-timeout", ms, 100, 600_000, " ms");
    }

    /** Refuses an output file that exists: what a user wrote by hand is not overwritten. */
    static void newFile(String option, Path file) throws BadInput {
        if (Files.exists(file)) {
            throw new BadInput(option + " " + file + ": the file exists; give a new path");
        }
    }
}
