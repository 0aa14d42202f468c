package sockshare.cli;

import sockshare.lab.AnswerKey;
import sockshare.lab.Grade;
import sockshare.lab.Lab;

/** Answer keys as the lab commands write them: a lab whose predictions cannot be replaced is bad input. */
final class Keys {
    private Keys() {
    }

    static String text(Lab lab, Grade grade) throws BadInput {
        try {
            return AnswerKey.of(lab, grade);
        } catch (IllegalArgumentException e) {
            throw new BadInput(lab.scenario().source() + ":" + e.getMessage());
        }
    }
}
