package sockshare.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sockshare.files.IoReason;

/**
 * Removes from the cache what no launcher will use again: about 11 MB a build, 620 MB after a
 * day of builds when nothing was removed. An entry ({@link ChildEntry}) goes when the jar it was
 * made from is gone or is another build now, or when no launcher took it for {@link #UNUSED};
 * never while a launcher holds it. Folders and files left half made by a killed launcher go after
 * {@link #ABANDONED}, and the single files of the cache's earlier layout after {@link #OLD_LAYOUT}.
 * JNA's library and nested jars are kept: they change only with those libraries, and a launcher
 * does not say that it uses them. Only this user's entries are removed, and no symbolic link is
 * followed.
 *
 * <p>It runs when a launcher has just made an entry (seconds of work, for a new build: when the
 * last build's entries become waste), and otherwise at most once every {@link #EVERY}, which
 * costs a launcher one stat of the stamp file.
 */
final class CachePrune {
    static final Duration UNUSED = Duration.ofDays(7);
    static final Duration EVERY = Duration.ofDays(1);
    /** Making an entry is bounded to about three minutes (training and dump limits): an hour is long past it. */
    static final Duration ABANDONED = Duration.ofHours(1);
    /** Launchers built before entries became folders may still run from these today. */
    static final Duration OLD_LAYOUT = Duration.ofDays(1);
    private static final String STAMP = "pruned";

    private CachePrune() {
    }

    /** Prunes {@code cache} unless it was pruned less than {@link #EVERY} ago. */
    static void ifDue(StartupCache cache) {
        try {
            Path stamp = cache.resolve(STAMP);
            if (Files.exists(stamp, LinkOption.NOFOLLOW_LINKS) && !older(stamp, EVERY, Instant.now())) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        prune(cache, Instant.now());
    }

    /** @return what was removed from {@code cache}, judged at {@code now} */
    static List<Path> prune(StartupCache cache, Instant now) {
        List<Path> entries;
        try {
            Path stamp = cache.resolve(STAMP);
            Files.newByteChannel(stamp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS).close();
            Files.setLastModifiedTime(stamp, FileTime.from(now));
            entries = cache.entries();
        } catch (IOException e) {
            // the cache is an optimisation: what cannot be pruned now is pruned another time
            return List.of();
        }
        return sweep(entries, now);
    }

    /**
     * Removes what of {@code entries}, listed from the cache, nothing will use, each on its own:
     * one that cannot be looked at or removed leaves the others to be, and is said in one line
     * for the whole sweep.
     *
     * @return what was removed
     */
    static List<Path> sweep(List<Path> entries, Instant now) {
        List<Path> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path p : entries) {
            try {
                if (ownedHere(p) && removable(p, now)) {
                    removed.add(p);
                }
            } catch (NoSuchFileException e) {
                // another launcher removed it (or part of it) since the listing: it is gone either way
            } catch (IOException e) {
                failed.add(p + ": " + IoReason.of(e));
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("sockshare: pruning the start-up cache failed at " + failed.get(0)
                    + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : ""));
        }
        return removed;
    }

    /** Removes {@code p} when nothing will use it, saying whether it did. */
    private static boolean removable(Path p, Instant now) throws IOException {
        if (leftBehind(p)) {
            return removeIf(older(p, ABANDONED, now), p);
        }
        String name = p.getFileName().toString();
        if (ChildEntry.buildOf(name) != null && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            ChildEntry entry = new ChildEntry(p);
            if (!stale(entry, now)) {
                removeAbandonedWithin(p, now);
                return false;
            }
            return removeUnlessHeld(entry);
        }
        boolean oldLayout = name.startsWith(ChildEntry.PREFIX) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        return removeIf(oldLayout && older(p, OLD_LAYOUT, now), p);
    }

    private static boolean removeIf(boolean condition, Path p) throws IOException {
        if (condition) {
            StartupCache.remove(p);
        }
        return condition;
    }

    /** A launcher killed while making an entry's jar or archive leaves its staging folder in the entry. */
    private static void removeAbandonedWithin(Path entry, Instant now) throws IOException {
        try (Stream<Path> within = Files.list(entry)) {
            for (Path staging : within.filter(CachePrune::leftBehind).toList()) {
                removeIf(older(staging, ABANDONED, now), staging);
            }
        }
    }

    /** @return whether {@code p} is named as what a launcher makes or removes, while it does */
    private static boolean leftBehind(Path p) {
        String name = p.getFileName().toString();
        return name.contains(".tmp-") || name.contains(".gone-");
    }

    /** @return whether no launcher of the build it was made for would take {@code entry} */
    static boolean stale(ChildEntry entry, Instant now) throws IOException {
        if (ChildEntry.heldHere(entry.dir())) {
            return false;
        }
        Path jar = entry.madeFrom();
        if (jar == null || !Files.isRegularFile(jar)) {
            return true;
        }
        String name = entry.dir().getFileName().toString();
        if (!name.startsWith(ChildEntry.jarPrefix(jar)) || !ChildEntry.build(jar).equals(ChildEntry.buildOf(name))) {
            return true;
        }
        Path lastTaken = Files.exists(entry.lock(), LinkOption.NOFOLLOW_LINKS) ? entry.lock() : entry.dir();
        return older(lastTaken, UNUSED, now);
    }

    /** Removes {@code entry} when no launcher holds it: renamed away first, so that no launcher takes it meanwhile. */
    private static boolean removeUnlessHeld(ChildEntry entry) throws IOException {
        Path gone = entry.takeAway();
        if (gone == null) {
            return false;
        }
        StartupCache.remove(gone);
        return true;
    }

    private static boolean older(Path p, Duration age, Instant now) throws IOException {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().plus(age).isBefore(now);
    }

    private static boolean ownedHere(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) == Trust.ownUid();
    }
}
