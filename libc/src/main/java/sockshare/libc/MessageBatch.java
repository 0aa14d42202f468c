package sockshare.libc;

import com.sun.jna.Memory;

/**
 * Many messages of the same bytes for one sendmmsg(2), laid out for LP64 Linux:
 * <pre>
 * struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; }   offsets 0 56, 64 bytes each
 * struct msghdr  { ...; struct iovec *msg_iov; size_t msg_iovlen; ... } msg_iov at 16, msg_iovlen at 24 (see MsgHdr)
 * struct iovec   { void *iov_base; size_t iov_len; }                 16 bytes each
 * </pre>
 * Every iovec points at the same bytes: the kernel only reads them. The memory is kept here.
 */
public final class MessageBatch {
    private static final int MMSGHDR_SIZE = 64;
    private static final int MSG_LEN = 56;
    private static final int IOV_SIZE = 16;

    final Memory headers;
    private final Memory iovs;
    private final Memory data;
    private final int count;
    private final int size;

    public MessageBatch(byte[] message, int count) {
        this.count = count;
        this.size = message.length;
        data = new Memory(size);
        data.write(0, message, 0, size);
        iovs = new Memory((long) IOV_SIZE * count);
        headers = new Memory((long) MMSGHDR_SIZE * count);
        headers.clear();
        for (int i = 0; i < count; i++) {
            iovs.setPointer((long) IOV_SIZE * i, data);
            iovs.setLong((long) IOV_SIZE * i + 8, size);
            headers.setPointer((long) MMSGHDR_SIZE * i + 16, iovs.share((long) IOV_SIZE * i));
            headers.setLong((long) MMSGHDR_SIZE * i + 24, 1);
        }
    }

    public int count() {
        return count;
    }

    public int size() {
        return size;
    }

    /** @return the bytes the first {@code sent} messages carried, as the kernel wrote in their msg_len */
    long bytesSent(int sent) {
        long bytes = 0;
        for (int i = 0; i < sent; i++) {
            bytes += headers.getInt((long) MMSGHDR_SIZE * i + MSG_LEN) & 0xffffffffL;
        }
        return bytes;
    }
}
