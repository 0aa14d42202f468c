package sockshare.report;

import sockshare.verdict.Judgement;

/** One scenario of a catalog run: how its observations compared with the recorded ones, and how long it took. */
public record CatalogEntry(String scenario, Judgement judgement, long wallMs) {

    /** @return the verdict in a few words: {@code 13/13 match}, {@code 2 of 13 differ}, {@code ended early} */
    public String verdict() {
        if (judgement.failure() != null) {
            return "ended early";
        }
        int n = judgement.verdicts().size();
        if (n == 0) {
            return "no expectations";
        }
        long differing = judgement.differing();
        return differing == 0 ? n + "/" + n + " match" : differing + " of " + n + " differ";
    }
}
