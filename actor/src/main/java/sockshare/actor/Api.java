package sockshare.actor;

import java.util.Locale;

/**
 * Which layer performs an operation: {@code LIBC} calls the syscall on the fd through JNA;
 * {@code JAVA} calls the JDK's {@code SocketChannel} method, whose syscalls are the JDK's choice.
 */
public enum Api {
    LIBC, JAVA;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Api parse(String word) {
        for (Api api : values()) {
            if (api.word().equals(word)) {
                return api;
            }
        }
        return null;
    }
}
