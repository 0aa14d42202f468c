package sockshare.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.scenario.FigureList;
import sockshare.scenario.LabFile;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.Step;

/**
 * A lab's question about the run's measured table (an item of a lab file's {@code figures:}
 * list, {@link FigureList}): the cell at {@code row} and {@code column} of the table the run ends
 * with, as the range over the act's trials, and the student's prediction of it.
 *
 * @param predict the prediction as written, {@link Step#UNANSWERED} when blank
 * @param line    the line of the lab file its item of {@code figures:} starts on, where its answer key is written
 */
public record FigureQuestion(String id, String row, String column, String predict, int line) {
    /**
     * @return the questions of a lab file, in order, each with an id that none of its steps has
     */
    public static List<FigureQuestion> of(LabFile file) throws ScenarioException {
        Map<Integer, String> stepIds = file.stepIds();
        List<FigureQuestion> questions = new ArrayList<>();
        for (FigureList.Item item : file.figures()) {
            for (Map.Entry<Integer, String> step : stepIds.entrySet()) {
                if (step.getValue().equals(item.id())) {
                    throw new ScenarioException(item.where() + ": the id '" + item.id() + "' in '" + FigureList.KEY
                            + "' is used twice in the lab, here and by the step at line " + step.getKey());
                }
            }
            questions.add(new FigureQuestion(item.id(), item.row(), item.column(), item.predict(), item.line()));
        }
        return List.copyOf(questions);
    }
}
