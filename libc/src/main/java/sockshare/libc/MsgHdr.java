package sockshare.libc;

import static sockshare.libc.LibCConstants.SCM_RIGHTS;
import static sockshare.libc.LibCConstants.SOL_SOCKET;

import com.sun.jna.Memory;

/**
 * A struct msghdr for sendmsg(2) and recvmsg(2) with one data buffer and room for one
 * SCM_RIGHTS control message carrying one fd, laid out for LP64 Linux:
 * <pre>
 * struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
 *                 void *msg_control; size_t msg_controllen; int msg_flags; }     offsets 0 8 16 24 32 40 48
 * struct iovec  { void *iov_base; size_t iov_len; }                               offsets 0 8
 * struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; int fd; }      offsets 0 8 12 16
 * </pre>
 * The memory is kept here, so it lives as long as the call that uses it.
 */
final class MsgHdr {
    private static final int SIZE = 56;
    private static final int IOV_SIZE = 16;
    /** CMSG_LEN(sizeof(int)): the header and one fd */
    private static final long CMSG_LEN_ONE_FD = 20;
    /** CMSG_SPACE(sizeof(int)): the same, padded to the alignment of size_t */
    private static final int CMSG_SPACE_ONE_FD = 24;

    final Memory msg = new Memory(SIZE);
    private final Memory data;
    private final Memory control = new Memory(CMSG_SPACE_ONE_FD);
    /** Reachable from msg only through native memory; held here so that JNA does not free it early. */
    private final Memory iov;

    private MsgHdr(int capacity) {
        data = new Memory(Math.max(1, capacity));
        Memory iov = new Memory(IOV_SIZE);
        iov.setPointer(0, data);
        iov.setLong(8, capacity);
        msg.clear();
        control.clear();
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        msg.setPointer(32, control);
        msg.setLong(40, CMSG_SPACE_ONE_FD);
        this.iov = iov;
    }

    /** @return a message carrying {@code bytes} and one fd */
    static MsgHdr carrying(byte[] bytes, int fd) {
        MsgHdr m = new MsgHdr(bytes.length);
        m.data.write(0, bytes, 0, bytes.length);
        m.control.setLong(0, CMSG_LEN_ONE_FD);
        m.control.setInt(8, SOL_SOCKET);
        m.control.setInt(12, SCM_RIGHTS);
        m.control.setInt(16, fd);
        return m;
    }

    /** @return an empty message to receive up to {@code capacity} bytes and one fd into */
    static MsgHdr receiving(int capacity) {
        return new MsgHdr(capacity);
    }

    void copyData(byte[] into, int length) {
        data.read(0, into, 0, length);
    }

    /** @return the fd of a received SCM_RIGHTS message, or -1 when none came */
    int receivedFd() {
        long controlLength = msg.getLong(40);
        if (controlLength >= CMSG_LEN_ONE_FD && control.getInt(8) == SOL_SOCKET && control.getInt(12) == SCM_RIGHTS) {
            return control.getInt(16);
        }
        return -1;
    }

    int flags() {
        return msg.getInt(48);
    }
}
