package sockshare.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code each} actor: one step that every child performs, in child order. It is expanded
 * when the child count is known, at run time, because {@code --children} may change it.
 */
public final class EveryChild {
    public static final String ACTOR = "each";

    private EveryChild() {
    }

    /** @return the steps with each {@code each} step replaced by one step per child, A first */
    public static List<Step> expand(List<Step> steps, int children) {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            if (!ACTOR.equals(s.actor())) {
                out.add(s);
                continue;
            }
            for (int i = 0; i < children; i++) {
                out.add(new Step(s.line(), ScenarioParser.childName(i), s.op(), s.arg(), s.api(), s.background(),
                        s.timeoutMs(), s.sleepMs(), s.expect(), s.predict()));
            }
        }
        return out;
    }
}
