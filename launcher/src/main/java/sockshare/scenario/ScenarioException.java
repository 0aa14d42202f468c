package sockshare.scenario;

/** A scenario that cannot be run, with where the problem is: {@code file:line:column: what}. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }

    static ScenarioException at(String source, Located node, String message) {
        return new ScenarioException(source + ":" + node.line() + ":" + node.column() + ": " + message);
    }
}
