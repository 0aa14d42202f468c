package sockshare.scenario;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column it came from, so that a mistake in a scenario file
 * is reported where the student made it. Exactly one of {@code scalar}, {@code map} and
 * {@code list} is set (none for an explicit null).
 */
record Located(int line, int column, String scalar, Map<String, Located> map, List<Located> list) {

    boolean isScalar() {
        return scalar != null;
    }

    boolean isMap() {
        return map != null;
    }

    boolean isList() {
        return list != null;
    }

    String kind() {
        return isScalar() ? "a value" : isMap() ? "a mapping" : isList() ? "a list" : "empty";
    }
}
