package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.LittleEndian;
import sockshare.libc.Syscalls;

/**
 * What getsockopt(TCP_INFO) says of one end's progress: the bytes the other end acknowledged and
 * the bytes received, and both windows (the other end's advertised window, and this end's own
 * when the kernel reports it: tcpi_rcv_wnd came in Linux 6.10).
 *
 * @param ownWindow this end's advertised receive window in bytes, -1 when the kernel does not say
 */
record TcpProgress(long bytesAcked, long bytesReceived, long peerWindow, long ownWindow) {
    // offsets in struct tcp_info (linux/tcp.h)
    private static final int BYTES_ACKED = 120;
    private static final int BYTES_RECEIVED = 128;
    private static final int SND_WND = 228;
    private static final int RCV_WND = 232;

    /** @return this end's progress now, or null when the kernel's tcp_info has no window (before Linux 5.4) */
    static TcpProgress of(Fd fd) throws ErrnoException {
        byte[] info = Syscalls.getsockopt(fd, IPPROTO_TCP, TCP_INFO, RCV_WND + 4);
        if (info.length < SND_WND + 4) {
            return null;
        }
        return new TcpProgress(LittleEndian.longAt(info, BYTES_ACKED), LittleEndian.longAt(info, BYTES_RECEIVED),
                LittleEndian.intAt(info, SND_WND) & 0xffffffffL,
                info.length >= RCV_WND + 4 ? LittleEndian.intAt(info, RCV_WND) & 0xffffffffL : -1);
    }

    /** @return whether no byte moved either way since {@code before} */
    boolean sameBytesAs(TcpProgress before) {
        return before != null && bytesAcked == before.bytesAcked && bytesReceived == before.bytesReceived;
    }

    /**
     * @return whether both windows are closed: the other end advertises none, and this end
     *         advertised none (when the kernel says). A window below a segment is not closed: the
     *         kernel still fills it when its persist timer fires, one retransmission timeout (200 ms
     *         at least) later; once both are zero it may send nothing but zero-window probes, and
     *         only a read by one of the two applications can move a byte
     */
    boolean windowsClosed() {
        return peerWindow == 0 && ownWindow <= 0;
    }
}
