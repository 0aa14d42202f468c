package sockshare.lab;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/** The forms a graded lab is written in; every one of them also for a lab that could not be graded. */
public enum LabFormat {
    /** The ✓/✗ report with explanations, for a student at a terminal. */
    TEXT,
    /** One JSON document. */
    JSON,
    /** Gradescope's results.json. */
    GRADESCOPE,
    /** A JUnit XML report as Maven Surefire writes them. */
    JUNIT;

    /** @return the format named {@code word}, or null */
    public static LabFormat parse(String word) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(word)).findFirst().orElse(null);
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param questions the questions to answer after grading, or null */
    public void write(PrintWriter out, Grade grade, String questions) throws Exception {
        switch (this) {
            case TEXT -> LabReport.print(out, grade, questions);
            case JSON -> out.println(LabJson.of(grade, questions));
            case GRADESCOPE -> out.println(GradescopeResults.of(grade, questions));
            case JUNIT -> out.print(JUnitReport.of(grade));
        }
    }

    /**
     * Writes the result of a lab that could not be graded: score 0 and the error. The terminal
     * form writes nothing, for the one line on stderr says it.
     *
     * @param lab the lab that was to be graded, or null when not even that is known
     */
    public void writeError(PrintWriter out, Lab lab, String error) throws Exception {
        switch (this) {
            case TEXT -> {
            }
            case JSON -> out.println(LabJson.error(lab, error));
            case GRADESCOPE -> out.println(GradescopeResults.error(lab, error));
            case JUNIT -> out.print(JUnitReport.error(lab, error));
        }
    }
}
