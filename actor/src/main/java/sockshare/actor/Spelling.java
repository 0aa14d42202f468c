package sockshare.actor;

import java.util.Collection;
import java.util.Locale;

/** The word a person probably meant, for messages such as {@code EBDAF is not an errno; did you mean EBADF?}. */
public final class Spelling {
    private Spelling() {
    }

    /**
     * @return the candidate nearest to {@code word}, ignoring case, when it is within one edit (two
     *         for words over four letters; a swap of two neighbours is one edit); else null
     */
    public static String nearest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int allowed = w.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : candidates) {
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** @return {@code "; did you mean MEANT?"} to end a message with, or nothing when {@code meant} is null */
    public static String didYouMean(String meant) {
        return meant == null ? "" : "; did you mean " + meant + "?";
    }

    /** @return the optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
