package sockshare.doctor;

/**
 * What one check of the machine found.
 *
 * @param core     true when sockshare cannot run an experiment without it
 * @param ok       whether the check passed
 * @param found    what was measured, in a few words
 * @param disables what does not work while this check fails; null for a core check
 */
public record Finding(String name, boolean core, boolean ok, String found, String disables) {
    static Finding pass(String name, boolean core, String found) {
        return new Finding(name, core, true, found, null);
    }

    static Finding fail(String name, boolean core, String found, String disables) {
        return new Finding(name, core, false, found, disables);
    }
}
