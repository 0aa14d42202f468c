package sockshare.observe;

/**
 * When an observation is made: at an act's start (its children ready), after one of its steps,
 * or at its end (every child gone and the launcher's ends closed).
 *
 * @param step the step's number in its act, 0 at the start and end
 * @param seq  the command that step sent, 0 when it sent none
 */
public record Moment(String label, int step, int seq) {
    public static final String START = "act start";
    public static final String END = "act end";

    public static Moment start() {
        return new Moment(START, 0, 0);
    }

    public static Moment afterStep(int step, int seq) {
        return new Moment("after step " + step, step, seq);
    }

    public static Moment end() {
        return new Moment(END, 0, 0);
    }
}
