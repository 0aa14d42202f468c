package sockshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether each scenario of one {@code run all} matched what was recorded, as the run wrote it in
 * its JSON Lines ({@code --json}): one {@code scenario} line each, with {@code holds}.
 *
 * @param scenarios how many scenarios the run judged
 * @param differing those whose observations did not all match, or that ended early, in catalog order
 */
record CatalogVerdicts(int scenarios, List<String> differing) {

    static CatalogVerdicts of(List<String> jsonLines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int scenarios = 0;
        List<String> differing = new ArrayList<>();
        for (String line : jsonLines) {
            JsonNode n = json.readTree(line);
            if (!n.path("kind").asText().equals("scenario")) {
                continue;
            }
            if (!n.path("holds").isBoolean()) {
                throw new IOException("run all's JSON Lines do not say whether " + n.path("scenario").asText() + " held");
            }
            scenarios++;
            if (!n.path("holds").asBoolean()) {
                differing.add(n.path("scenario").asText());
            }
        }
        if (scenarios == 0) {
            throw new IOException("run all's JSON Lines name no scenario");
        }
        return new CatalogVerdicts(scenarios, List.copyOf(differing));
    }

    boolean allMatch() {
        return differing.isEmpty();
    }
}
