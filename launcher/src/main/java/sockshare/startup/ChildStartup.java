package sockshare.startup;

import java.util.ArrayList;
import java.util.List;
import sockshare.spawn.ChildSpawner;

/**
 * Start-up help for children, prepared once and kept in the cache: JNA's native library
 * unpacked, JNA's library search path, the child's classes in a jar of their own and a
 * class-data archive of every class a child loads. Whatever cannot be prepared is left out,
 * silently: children then start as they would without it, only slower and larger.
 */
public final class ChildStartup {
    private ChildStartup() {
    }

    /**
     * @return {@code plain} with every start-up help this machine allows. The launcher's own JNA,
     *         when it has not loaded yet, is pointed at the unpacked copy too.
     */
    public static ChildSpawner tuned(ChildSpawner plain) {
        StartupCache cache = StartupCache.open();
        if (cache == null) {
            return plain;
        }
        List<String> flags = new ArrayList<>(JnaLibrary.flags(cache));
        JnaLibrary.useInThisJvm(flags);
        flags.addAll(JnaLibrary.searchPath());
        return AppCdsArchive.tuned(cache, plain, flags);
    }
}
