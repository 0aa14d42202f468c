package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.conduct.Conductor;
import sockshare.model.RunResult;
import sockshare.observe.Observers;
import sockshare.pool.WarmPool;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;
import sockshare.verdict.Judgement;

/**
 * Twenty flagship runs, spawned and pooled, each drawn in the terminal, as Mermaid text and as
 * the report's SVG: A's shutdown is drawn before the wake-up of B it caused, act 2's diagram has
 * A's SHUT_RDWR (at Java level, shutdownInput()+shutdownOutput()) reaching the socket, the socket's EOF reaching B and the FIN reaching the peer,
 * and in act 1 nothing goes from the socket to B or the peer after A's close.
 */
@RealJvm
class CauseOrderTest {
    private static final int SPAWNED = 4;
    private static final int POOLED = 16;
    /** A diagram message: {@code from->>to: text}, dashed for a result. */
    private static final Pattern MESSAGE = Pattern.compile("^\\s*(\\w+)-{1,2}>>(\\w+): (.*)$");
    private static final Pattern SVG_TEXT = Pattern.compile("<text[^>]* y=\"([0-9.]+)\"[^>]*>([^<]*)</text>");

    @Test
    void everyViewDrawsTheShutdownBeforeTheWakeUpItCaused() throws Exception {
        Scenario flagship = ScenarioSource.builtin("close-vs-shutdown");
        List<String> seen = new ArrayList<>();
        Handoff[] spawned = {Handoff.STDIN, Handoff.LISTEN_FDS};
        for (int i = 0; i < SPAWNED; i++) {
            Api api = Api.values()[i % 2];
            check(Experiments.runBuiltinObserved("close-vs-shutdown", Experiments.options(spawned[i / 2 % 2], api)), api,
                    "spawned run " + (i + 1) + " (" + api + ")", seen);
        }
        try (WarmPool pool = WarmPool.start(ChildSpawner.forThisJvm(Duration.ofMinutes(2)), 2, Duration.ofSeconds(60))) {
            for (int i = 0; i < POOLED; i++) {
                Api api = Api.values()[i % 2];
                check(new Conductor(Experiments.options(Handoff.SCM_RIGHTS, api), pool, Observers.standard()).run(flagship), api,
                        "pooled run " + (i + 1) + " (" + api + ")", seen);
            }
        }
        assertEquals(SPAWNED + POOLED, seen.size());
    }

    /** @param api the level A's shutdown was made at: the JDK's is two calls, shutdownInput() and shutdownOutput() */
    private static void check(RunResult run, Api api, String which, List<String> seen) throws Exception {
        assertNull(run.failure(), () -> which + " stopped: " + run.failure());
        String shutdown = api == Api.LIBC ? "shutdown(SHUT_RDWR)" : "shutdownInput()+shutdownOutput()";
        terminalOrder(run, shutdown, which);
        String mermaid = SequenceDiagram.mermaid(run);
        List<String[]> act1 = messages(mermaid, 1);
        List<String[]> act2 = messages(mermaid, 2);
        shutdownReachesBAndThePeer(act2, shutdown, which + ", Mermaid:\n" + mermaid);
        closeReachesNobody(act1, which + ", Mermaid:\n" + mermaid);
        svgOrder(DiagramSvg.render(SequenceDiagram.plantUml(run)), shutdown, which);
        seen.add(which);
    }

    /** In act 2's timeline, the line of A's shutdown comes before B's recv waking with end of stream. */
    private static void terminalOrder(RunResult run, String shutdownCall, String which) {
        StringWriter text = new StringWriter();
        new TerminalReport(new PrintWriter(text), Style.plain(), 200, false).print(run, Judgement.of(run));
        String out = text.toString();
        int act2 = out.indexOf("\nAct 2: ");
        String timeline = out.substring(act2, out.indexOf("\n\n", act2));
        int shutdown = timeline.indexOf(shutdownCall);
        int woke = timeline.indexOf(" wakes → eof");
        assertTrue(shutdown > 0 && woke > shutdown, which + ": A's shutdown is drawn before B wakes:\n" + timeline);
        assertTrue(timeline.contains("B woke ") && timeline.contains(" after A's " + shutdownCall + " began"),
                which + ": the wake-up is linked to the shutdown:\n" + timeline);
    }

    /** @return act {@code act}'s messages as {from, to, text}, in the diagram's order */
    private static List<String[]> messages(String mermaid, int act) {
        String[] acts = mermaid.split("\n    rect ");
        List<String[]> messages = new ArrayList<>();
        for (String line : acts[act].split("\n")) {
            Matcher m = MESSAGE.matcher(line);
            if (m.matches()) {
                messages.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return messages;
    }

    private static void shutdownReachesBAndThePeer(List<String[]> act2, String shutdownCall, String context) {
        int shutdown = indexOf(act2, 0, m -> m[0].equals("A") && m[1].equals("socket") && m[2].contains(shutdownCall));
        assertTrue(shutdown >= 0, "A's SHUT_RDWR goes to the socket: " + context);
        int eof = indexOf(act2, shutdown + 1, m -> m[1].equals("B") && !m[0].equals("B")
                && m[2].toLowerCase(Locale.ROOT).contains("eof"));
        assertTrue(eof > shutdown, "after it, EOF goes to B from another participant: " + context);
        int fin = indexOf(act2, shutdown + 1, m -> m[1].equals("peer") && !m[0].equals("peer") && m[2].contains("FIN"));
        assertTrue(fin > shutdown, "after it, a FIN goes to the peer: " + context);
    }

    private static void closeReachesNobody(List<String[]> act1, String context) {
        int close = indexOf(act1, 0, m -> m[0].equals("A") && m[1].equals("socket") && m[2].contains("close()"));
        assertTrue(close >= 0, "A's close goes to the socket: " + context);
        // up to the act's last call: what follows is the act's end, when the last holder's fd goes
        int lastCall = close;
        for (int i = close + 1; i < act1.size(); i++) {
            lastCall = act1.get(i)[0].equals("socket") || act1.get(i)[0].equals("wire") ? lastCall : i;
        }
        for (String[] m : act1.subList(close + 1, lastCall + 1)) {
            assertTrue(!m[0].equals("socket") || !(m[1].equals("B") || m[1].equals("peer")),
                    "after A's close, the socket sends nothing to " + m[1] + " (" + m[2] + "): " + context);
        }
    }

    private static int indexOf(List<String[]> messages, int from, java.util.function.Predicate<String[]> which) {
        for (int i = from; i < messages.size(); i++) {
            if (which.test(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** In the SVG, act 2's shutdown text sits higher on the page than B's wake-up. */
    private static void svgOrder(String svg, String shutdownCall, String which) {
        double act2 = -1;
        double shutdown = -1;
        double woke = -1;
        Matcher m = SVG_TEXT.matcher(svg);
        while (m.find()) {
            double y = Double.parseDouble(m.group(1));
            String text = m.group(2).replace('\u00a0', ' ');
            if (act2 < 0 && text.contains("Act 2: ")) {
                act2 = y;
            } else if (act2 >= 0 && shutdown < 0 && text.contains(shutdownCall)) {
                shutdown = y;
            } else if (act2 >= 0 && woke < 0 && text.contains(" wakes → eof")) {
                woke = y;
            }
        }
        assertTrue(act2 >= 0 && shutdown > act2 && woke > shutdown,
                which + ": in the SVG, act 2 at y=" + act2 + ", A's shutdown at y=" + shutdown + ", B's wake-up at y=" + woke);
    }
}
