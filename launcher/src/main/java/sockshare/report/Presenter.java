package sockshare.report;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;
import sockshare.actor.Observed;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.verdict.Judgement;
import sockshare.verdict.Verdict;

/**
 * The report's presenter mode, for a lecture hall: one slide per step, in type readable from the
 * back of a room at 1280×720, stepped through with the arrow keys. Each slide shows the step and
 * its result, the arrows of its {@link SocketStory} (the call reaching the socket, the holders it
 * woke, what crossed the wire because of it), and who holds the socket and both ends' states
 * after it, marking what changed since the step before. Opened by its button or {@code #present}.
 */
final class Presenter {
    static final String CSS = String.join("\n",
            "#presenter{position:fixed;inset:0;background:#fff;overflow:auto;padding:24px 40px;font-size:26px;line-height:1.35}",
            "body.presenting>:not(#presenter){display:none}",
            "#presenter .where{color:#57606a;font-size:24px}#presenter .step{font-size:36px;font-weight:600;margin:.3em 0}",
            "#presenter .arrow{font-family:ui-monospace,monospace;font-size:26px;padding:.15em .4em;margin:.2em 0;"
                    + "background:#ddf4ff;border-left:6px solid #0969da;overflow-wrap:anywhere}",
            "#presenter .seen{font-family:ui-monospace,monospace;font-size:24px;margin:.2em 0;overflow-wrap:anywhere}",
            "#presenter .changed{background:#fff8c5;border-left:6px solid #bf8700;padding-left:.4em}",
            "#presenter nav{position:fixed;bottom:12px;right:40px;font-size:22px;color:#57606a}",
            "#present{font-size:1em;padding:.3em 1em;cursor:pointer}",
            "@media print{#presenter,#present{display:none!important}body.presenting>*{display:block}}");

    static final String SCRIPT = String.join("\n",
            "(function(){",
            "var p=document.getElementById('presenter'),slides=[].slice.call(p.querySelectorAll('.slide')),at=0;",
            "function show(i){at=Math.max(0,Math.min(slides.length-1,i));",
            "slides.forEach(function(s,j){s.hidden=j!==at;});",
            "document.getElementById('counter').textContent=(at+1)+' / '+slides.length;}",
            "function present(on){p.hidden=!on;document.body.classList.toggle('presenting',on);if(on){show(at);}}",
            "document.getElementById('present').onclick=function(){location.hash='present';};",
            "window.addEventListener('hashchange',function(){present(location.hash==='#present');});",
            "document.addEventListener('keydown',function(e){if(p.hidden){return;}",
            "if(['ArrowRight','ArrowDown','PageDown',' '].indexOf(e.key)>=0){show(at+1);e.preventDefault();}",
            "else if(['ArrowLeft','ArrowUp','PageUp'].indexOf(e.key)>=0){show(at-1);e.preventDefault();}",
            "else if(e.key==='Home'){show(0);}else if(e.key==='End'){show(slides.length-1);}",
            "else if(e.key==='Escape'){history.replaceState(null,'',location.pathname);present(false);}});",
            "present(location.hash==='#present');",
            "})();");

    private Presenter() {
    }

    /** Appends the hidden presenter with one slide per step of every act. */
    static void slides(StringBuilder h, RunResult run, List<SocketStory> stories, Judgement judgement) {
        h.append("<div id=\"presenter\" hidden>\n");
        for (int i = 0; i < stories.size(); i++) {
            ActResult act = run.acts().get(i);
            SocketStory story = stories.get(i);
            // what the first step changed is measured from the act's start
            String holders = seen(act, 0, "holders");
            String states = seen(act, 0, "tcp");
            for (StepResult step : act.steps()) {
                h.append("<section class=\"slide\" hidden><div class=\"where\">").append(Html.esc(run.scenario().name()))
                        .append(" · Act ").append(act.number()).append(": ").append(Html.esc(act.title())).append(" · step ")
                        .append(step.number()).append(" of ").append(act.steps().size()).append("</div>\n");
                Verdict v = judgement.verdictFor(act.number(), step);
                h.append("<div class=\"step\">").append(Html.esc(EventText.numbered(step)))
                        .append(v == null ? "" : v.holds() ? " <span class=\"good\">✓</span>"
                                : " <span class=\"bad\">✗ expected " + Html.esc(v.expected().written()) + "</span>")
                        .append("</div>\n");
                for (Beat b : beatsOf(story, step.result())) {
                    h.append("<div class=\"arrow\">").append(Html.esc(arrow(b))).append("</div>\n");
                }
                String nowHolders = step.seq() == 0 ? null : seen(act, step.seq(), "holders");
                String nowStates = step.seq() == 0 ? null : seen(act, step.seq(), "tcp");
                holders = line(h, "holders", nowHolders, holders);
                states = line(h, "tcp", nowStates, states);
                h.append("</section>\n");
            }
        }
        h.append("<nav><span id=\"counter\"></span> · ← → to step, Esc to leave</nav></div>\n");
    }

    /** @return the beats a step made: its call and result, and the effects linked to it */
    private static List<Beat> beatsOf(SocketStory story, Event call) {
        List<Beat> beats = new ArrayList<>();
        if (call == null) {
            return beats;
        }
        for (Beat b : story.beats()) {
            // a call that went to sleep is drawn from its wait, the same command of the same actor
            boolean own = b.kind() != Beat.Kind.WAKE && (b.event() == call || b.kind() == Beat.Kind.CALL
                    && b.event().actor().equals(call.actor()) && b.event().seq() == call.seq());
            boolean caused = b.cause() != null && b.cause().call() == call;
            if (own || caused) {
                beats.add(b);
            }
        }
        return beats;
    }

    /** @return the beat as an arrow between lifelines: {@code A ──▶ socket: shutdown(SHUT_RDWR) → ok} */
    private static String arrow(Beat b) {
        String text = BeatText.of(b) + (b.cause() == null ? "" : " · " + BeatText.cause(b));
        return b.isArrow() ? b.from().label() + " ──▶ " + b.to().label() + ": " + text : b.from().label() + ": " + text;
    }

    /** @return what the first observation after command {@code seq} (0: the act's start) saw, or null when none was made */
    private static String seen(ActResult act, int seq, String what) {
        for (Event e : act.events()) {
            if (e instanceof Observed o && o.kind().equals(what) && o.seq() == seq) {
                return o.describe();
            }
        }
        return null;
    }

    /** Appends one observation line, marked when it differs from the step before; @return it, for the next step */
    private static String line(StringBuilder h, String what, String now, String before) {
        if (now == null) {
            return before;
        }
        boolean changed = before != null && !before.equals(now);
        h.append("<div class=\"seen").append(changed ? " changed" : "").append("\">").append(what).append(": ")
                .append(Html.esc(now)).append(changed ? " (changed)" : "").append("</div>\n");
        return now;
    }
}
