package sockshare.live;

import java.util.List;
import sockshare.report.SocketStory;

/** Somewhere else the console's session is shown as it is typed: the live page of {@code serve --web}. */
@FunctionalInterface
public interface SessionView {
    /**
     * @param story the whole session so far, in the order of cause and effect
     * @param lines what the console just printed of it
     */
    void show(SocketStory story, List<String> lines);
}
