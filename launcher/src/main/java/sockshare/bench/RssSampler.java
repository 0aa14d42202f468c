package sockshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches this process's children whose command line names {@code mainClass} and keeps each
 * one's highest VmRSS from /proc/PID/status: what the child really occupies in memory, not
 * what the JVM reserved. VmRSS counts in full every file page a child maps, though children
 * share them (libjvm.so, the class-data archive); so each child's Pss (/proc/PID/smaps_rollup:
 * each page divided by the number of processes mapping it) is kept too, read when its VmRSS
 * reaches a new high, since reading it costs a walk of the child's page tables.
 */
final class RssSampler implements AutoCloseable {
    private static final long EVERY_MS = 20;

    private final String mainClass;
    private final Map<Long, Long> peakKib = new ConcurrentHashMap<>();
    private final Map<Long, Long> peakAnonKib = new ConcurrentHashMap<>();
    private final Map<Long, Long> peakPssKib = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(String mainClass) {
        this.mainClass = mainClass;
        thread = new Thread(this::sample, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            ProcessHandle.current().children().forEach(child -> {
                long pid = child.pid();
                if (commandLine(pid).contains(mainClass)) {
                    long kib = statusKib(pid, "VmRSS:");
                    if (kib > 0) {
                        if (kib >= peakKib.getOrDefault(pid, 0L)) {
                            peakPssKib.merge(pid, kib(pid, "smaps_rollup", "Pss:"), Math::max);
                        }
                        peakKib.merge(pid, kib, Math::max);
                        peakAnonKib.merge(pid, statusKib(pid, "RssAnon:"), Math::max);
                    }
                }
            });
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return each child's peak resident set (VmRSS), in bytes */
    Sample peaks() {
        return bytes(peakKib);
    }

    /**
     * @return each child's peak private resident memory (RssAnon), in bytes: VmRSS less the
     *         file pages (libjvm.so, the class-data archives) that all children share
     */
    Sample anonymousPeaks() {
        return bytes(peakAnonKib);
    }

    /**
     * @return each child's peak proportional set size (Pss), in bytes: its private pages plus its
     *         share of the pages it maps with other processes, the children above all
     */
    Sample proportionalPeaks() {
        return bytes(peakPssKib);
    }

    private static Sample bytes(Map<Long, Long> kib) {
        List<Long> bytes = new ArrayList<>();
        kib.values().forEach(k -> bytes.add(k * 1024));
        return new Sample(bytes);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(1_000);
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long statusKib(long pid, String field) {
        return kib(pid, "status", field);
    }

    private static long kib(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the child ended between listing and reading
        }
        return 0;
    }
}
