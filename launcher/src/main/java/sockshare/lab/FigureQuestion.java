package sockshare.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.scenario.FigureList;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.Step;

/**
 * A lab's question about the run's measured table (an item of a lab file's {@code figures:}
 * list, {@link FigureList}): the cell at {@code row} and {@code column} of the table the run ends
 * with, as the range over the act's trials, and the student's prediction of it.
 *
 * @param predict the prediction as written, {@link Step#UNANSWERED} when blank
 */
public record FigureQuestion(String id, String row, String column, String predict) {
    /**
     * @param stepIds the ids the lab's steps already use, by the line each step starts on: a figure's id must differ from each
     * @return the questions of a lab file that the scenario parser has already accepted, in order
     */
    public static List<FigureQuestion> read(String source, String text, Map<Integer, String> stepIds) throws ScenarioException {
        List<FigureQuestion> questions = new ArrayList<>();
        for (FigureList.Item item : FigureList.read(source, text)) {
            for (Map.Entry<Integer, String> step : stepIds.entrySet()) {
                if (step.getValue().equals(item.id())) {
                    throw new ScenarioException(item.where() + ": the id '" + item.id() + "' in '" + FigureList.KEY
                            + "' is used twice in the lab, here and by the step at line " + step.getKey());
                }
            }
            questions.add(new FigureQuestion(item.id(), item.row(), item.column(), item.predict()));
        }
        return List.copyOf(questions);
    }
}
