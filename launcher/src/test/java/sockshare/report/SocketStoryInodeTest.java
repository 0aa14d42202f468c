package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Event;
import sockshare.actor.HoldersSeen;
import sockshare.actor.SocketKind;
import sockshare.model.ActResult;

/** The story's socket is the inode a holders observation carried as a value; its detail text is never read. No process is started. */
class SocketStoryInodeTest {
    private static final List<HoldersSeen.Holder> A_AND_B = List.of(new HoldersSeen.Holder("A", 41, 5),
            new HoldersSeen.Holder("B", 42, 5));

    @Test
    void theInodeIsTheFirstOneSeenAsAValue() {
        SocketStory story = story(
                new HoldersSeen(100, 200, 7, 0, "act start", null, List.of(), "the socket's inode could not be read", null),
                new HoldersSeen(300, 400, 7, 1, "after step 1", 252387L, A_AND_B, null, "socket:[999] is only text"));
        assertEquals(252387L, story.inode());
        assertEquals(2, story.refsAtStart(), "the first observation that saw holders");
    }

    @Test
    void noInodeWhenNoObservationCarriedOne() {
        assertNull(story(new HoldersSeen(300, 400, 7, 1, "after step 1", null, A_AND_B, null, "/proc/*/fd → socket:[999]")).inode());
    }

    private static SocketStory story(Event... events) {
        return SocketStory.of(new ActResult(1, "t", 0, Map.of("A", 41L, "B", 42L), List.of(), List.of(events), null), SocketKind.TCP);
    }
}
