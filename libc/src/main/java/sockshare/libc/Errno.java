package sockshare.libc;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux errno numbers and their symbolic names, so that events and messages can say
 * {@code EPIPE} rather than 32. Java's own socket exceptions carry only strerror(3) text,
 * so {@link #fromMessage} maps that text back to the name using this machine's libc.
 */
public final class Errno {
    private static final String[] NAMES = {
        null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
        "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
        "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
        "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
        "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG", "EUNATCH",
        "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC", "EBADSLT", null, "EBFONT",
        "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT",
        "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC",
        "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK", "EDESTADDRREQ",
        "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL",
        "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS",
        "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL",
        "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED",
        "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",
    };

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;
    public static final int ECHILD = 10;
    public static final int EADDRINUSE = 98;
    public static final int ECONNRESET = 104;
    public static final int ECONNREFUSED = 111;
    public static final int EINPROGRESS = 115;

    private static volatile Map<String, String> byMessage;

    private Errno() {
    }

    /** @return the symbolic name, or {@code E<number>} for a value this table does not know */
    public static String name(int errno) {
        return errno > 0 && errno < NAMES.length && NAMES[errno] != null ? NAMES[errno] : "E" + errno;
    }

    /** @return the number of the errno called {@code name} ({@code EPIPE}, or {@code E<number>}), or -1 */
    public static int number(String name) {
        for (int e = 1; e < NAMES.length; e++) {
            if (name.equals(NAMES[e])) {
                return e;
            }
        }
        if (name.matches("E[0-9]{1,4}")) {
            return Integer.parseInt(name.substring(1));
        }
        return -1;
    }

    /**
     * @return the errno name whose strerror(3) text starts {@code message} (as in
     *         "Broken pipe" or "Connection reset by peer"), or null when none does
     */
    public static String fromMessage(String message) {
        if (message == null) {
            return null;
        }
        Map<String, String> table = byMessage;
        if (table == null) {
            table = new HashMap<>();
            for (int e = 1; e < NAMES.length; e++) {
                if (NAMES[e] != null) {
                    table.putIfAbsent(LibC.INSTANCE.strerror(e), NAMES[e]);
                }
            }
            byMessage = table;
        }
        String exact = table.get(message);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : table.entrySet()) {
            if (message.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
