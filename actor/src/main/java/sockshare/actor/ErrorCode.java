package sockshare.actor;

import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;

/** An errno the kernel answered, by its name and its number: {@code EPIPE}, 32. */
public record ErrorCode(String name, int number) {
    public static ErrorCode of(int number) {
        return new ErrorCode(Errno.name(number), number);
    }

    public static ErrorCode of(ErrnoException e) {
        return of(e.errno());
    }

    /** @return the errno called {@code name}, or null when {@code name} is null or no errno is called so */
    public static ErrorCode named(String name) {
        int number = name == null ? -1 : Errno.number(name);
        return number < 0 ? null : new ErrorCode(name, number);
    }

    @Override
    public String toString() {
        return name;
    }
}
