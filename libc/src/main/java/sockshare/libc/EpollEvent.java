package sockshare.libc;

/**
 * struct epoll_event: a u32 of event bits, then a u64 of user data. x86_64 packs it into 12
 * bytes; other LP64 ABIs (aarch64) align the u64, making it 16. sockshare stores the watched
 * fd in the data, so an event names the fd it was registered for.
 */
public final class EpollEvent {
    /** sizeof(struct epoll_event) on this machine */
    public static final int SIZE = "amd64".equals(System.getProperty("os.arch")) ? 12 : 16;
    private static final int DATA = SIZE - 8;

    private EpollEvent() {
    }

    /** @return one struct epoll_event for {@code events}, its data the fd */
    static byte[] of(int events, int fd) {
        byte[] e = new byte[SIZE];
        LittleEndian.putInt(e, 0, events);
        LittleEndian.putInt(e, DATA, fd);
        return e;
    }

    /** @return the event bits of entry {@code i} of an array epoll_wait filled */
    static int events(byte[] array, int i) {
        return LittleEndian.intAt(array, i * SIZE);
    }

    /** @return the fd stored in entry {@code i}'s data */
    static int fd(byte[] array, int i) {
        return LittleEndian.intAt(array, i * SIZE + DATA);
    }
}
