package sockshare.spawn;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A process as its /proc/PID/stat shows it: its state letter and its start time in clock ticks
 * after boot (fields 3 and 22). The start time tells a process from a later one given the same
 * pid; the state tells a zombie, whose stat stays until its parent reaps it, from a process that runs.
 */
public record ProcStat(char state, long startTicks) {
    /** The fields from the state on: the command name before them, in parentheses, may hold spaces and parentheses. */
    private static final int START_TICKS = 22 - 3;

    /** @return process {@code pid}'s stat, or null when there is no such process */
    public static ProcStat of(long pid) {
        try (FileInputStream in = new FileInputStream(new File("/proc/" + pid + "/stat"))) {
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            return null;
        }
    }

    /** @return whether process {@code pid} is still the one that started at {@code startTicks} and has not ended */
    public static boolean runs(long pid, long startTicks) {
        ProcStat now = of(pid);
        return now != null && now.startTicks() == startTicks && !now.ended();
    }

    /** @return the state and start time in the text of a stat file, or null when it is not one */
    public static ProcStat parse(String stat) {
        int name = stat.lastIndexOf(')');
        if (name < 0 || name + 2 >= stat.length()) {
            return null;
        }
        String[] after = stat.substring(name + 2).split(" ");
        try {
            return after.length > START_TICKS && after[0].length() == 1
                    ? new ProcStat(after[0].charAt(0), Long.parseLong(after[START_TICKS])) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return whether the process has ended: a zombie (Z) waiting to be reaped, or dead (X) */
    public boolean ended() {
        return state == 'Z' || state == 'X';
    }
}
