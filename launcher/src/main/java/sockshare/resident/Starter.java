package sockshare.resident;

import java.io.IOException;
import sockshare.spawn.ProcStat;

/**
 * The process a resident launcher is started for (bench passes its own), named by its pid and its
 * start time, as {@code --stop-with PID:TICKS}: resolved by that process itself, while it surely
 * runs, so that a later process given the same pid is never taken for it, however late the
 * resident launcher looks.
 */
public record Starter(long pid, long startTicks) {
    /** @return this process */
    public static Starter ofThisProcess() throws IOException {
        long pid = ProcessHandle.current().pid();
        ProcStat stat = ProcStat.of(pid);
        if (stat == null) {
            throw new IOException("cannot read /proc/" + pid + "/stat");
        }
        return new Starter(pid, stat.startTicks());
    }

    /** @return the starter that {@code PID:TICKS} names, or null when the text is not of that form */
    public static Starter parse(String text) {
        String[] f = text.split(":", -1);
        try {
            Starter s = f.length == 2 ? new Starter(Long.parseLong(f[0]), Long.parseLong(f[1])) : null;
            return s != null && s.pid > 0 && s.startTicks >= 0 ? s : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return whether it runs: its pid is still its own, with its start time, and it has not ended */
    boolean runs() {
        return ProcStat.runs(pid, startTicks);
    }

    /** @return {@code PID:TICKS}, as {@link #parse} reads it */
    @Override
    public String toString() {
        return pid + ":" + startTicks;
    }
}
