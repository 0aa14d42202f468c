package sockshare.model;

import java.util.List;
import sockshare.scenario.Scenario;

/**
 * A whole run: what was run, on what, and each act.
 *
 * @param kernel the running kernel's release
 * @param jdk    the children's Java version as they reported it
 */
public record RunResult(Scenario scenario, String handoff, String api, int children, String kernel, String jdk,
                        List<ActResult> acts) {

    public String failure() {
        for (ActResult act : acts) {
            if (act.failure() != null) {
                return act.failure();
            }
        }
        return null;
    }
}
