package sockshare.lab;

/** One point of a lab's score: a prediction, of a step's result or of a measured figure, set against what the kernel did. */
public sealed interface Graded permits Prediction, FigurePrediction {
    String id();

    /** @return what was asked about, as reports name it: a call, or a cell of the measured table */
    String asked();

    /** @return where it stands in the run: {@code act.step}, or {@code figure N} */
    String where();

    /** @return the prediction as written, {@code ?} when none was given */
    String predicted();

    String observed();

    /** @return why the kernel answered as it did, for a miss; null for a hit */
    String explanation();

    boolean answered();

    /** @return for a prediction that is no value of its kind, what it is not; otherwise null */
    String unknown();

    boolean holds();
}
