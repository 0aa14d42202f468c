package sockshare.observe;

import java.time.Instant;

/**
 * CLOCK_REALTIME minus CLOCK_MONOTONIC, measured once, to put times that tools print in wall
 * clock (strace -ttt, tcpdump -tt) on the timeline's monotonic clock. The pair of readings
 * closest together of a few is kept; the two clocks may drift apart by NTP slewing during a
 * run, which over seconds is far below a microsecond.
 */
public final class ClockOffset {
    private final long realMinusMonoNs;

    private ClockOffset(long realMinusMonoNs) {
        this.realMinusMonoNs = realMinusMonoNs;
    }

    /** @return the offset {@code realMinusMonoNs}, as when a recording is read back */
    static ClockOffset of(long realMinusMonoNs) {
        return new ClockOffset(realMinusMonoNs);
    }

    public static ClockOffset measure() {
        long bestGap = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 9; i++) {
            long before = System.nanoTime();
            Instant real = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestGap) {
                bestGap = after - before;
                offset = real.getEpochSecond() * 1_000_000_000L + real.getNano() - (before + (after - before) / 2);
            }
        }
        return new ClockOffset(offset);
    }

    /** @return the monotonic time of a wall-clock time written as seconds since the epoch, {@code 1795672254.367252} */
    public long monotonicOf(String epochSeconds) {
        int dot = epochSeconds.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? epochSeconds : epochSeconds.substring(0, dot));
        long nanos = 0;
        if (dot >= 0) {
            String fraction = (epochSeconds.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(fraction);
        }
        return seconds * 1_000_000_000L + nanos - realMinusMonoNs;
    }
}
