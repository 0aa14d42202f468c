package sockshare.bench;

import static sockshare.libc.LibCConstants.MSG_DONTWAIT;
import static sockshare.libc.LibCConstants.POLLIN;
import static sockshare.libc.LibCConstants.POLLRDHUP;
import static sockshare.libc.LibCConstants.SHUT_RDWR;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;
import sockshare.socket.SharedConnection;

/**
 * What the kernel and scheduler alone cost, in this one process and with no JVM start in the
 * way: threads blocked in poll(2) as the children's recv is, woken by a shutdown(SHUT_RDWR)
 * from another thread. The floors the children's figures are divided by.
 */
final class KernelFloor {
    private static final int POLL_MS = 10_000;
    /** Long enough for every waiting thread to be asleep in poll before the shutdown. */
    private static final long SETTLE_MS = 30;

    private KernelFloor() {
    }

    /**
     * @return per run, the time from the shutdown() call to the peer's end-of-stream recv
     *         returning, with the peer's thread blocked in poll beforehand
     */
    static Sample shutdownToEof(int runs, InetAddress address) throws IOException, InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            SharedConnection c = SharedConnection.openTcp(address);
            try {
                long[] woke = wake(c.peer(), c.holders(), 1);
                latencies.add(woke[1] - woke[0]);
            } finally {
                c.closeAll();
            }
        }
        return new Sample(latencies);
    }

    /**
     * @return per run, max - min of the wake times of {@code holders} threads blocked on the
     *         same socket when one shutdown(SHUT_RDWR) is made on it
     */
    static Sample wakeSpread(int holders, int runs, InetAddress address) throws IOException, InterruptedException {
        List<Long> spreads = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            SharedConnection c = SharedConnection.openTcp(address);
            try {
                long[] woke = wake(c.holders(), c.holders(), holders);
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int t = 1; t < woke.length; t++) {
                    min = Math.min(min, woke[t]);
                    max = Math.max(max, woke[t]);
                }
                spreads.add(max - min);
            } finally {
                c.closeAll();
            }
        }
        return new Sample(spreads);
    }

    /**
     * Blocks {@code waiters} threads in poll+recv on {@code waitFd}, then shuts {@code shutFd} down.
     *
     * @return the shutdown's start time, then each waiter's end-of-stream time (System.nanoTime)
     */
    private static long[] wake(Fd waitFd, Fd shutFd, int waiters) throws IOException, InterruptedException {
        AtomicLongArray eof = new AtomicLongArray(waiters);
        CountDownLatch started = new CountDownLatch(waiters);
        CountDownLatch done = new CountDownLatch(waiters);
        for (int t = 0; t < waiters; t++) {
            int slot = t;
            Thread waiter = new Thread(() -> {
                started.countDown();
                try {
                    Syscalls.poll(waitFd, (short) (POLLIN | POLLRDHUP), POLL_MS);
                    long got = Syscalls.recv(waitFd, new byte[16], MSG_DONTWAIT);
                    eof.set(slot, got == 0 ? System.nanoTime() : -1);
                } catch (ErrnoException e) {
                    eof.set(slot, -1);
                }
                done.countDown();
            }, "floor-waiter-" + t);
            waiter.setDaemon(true);
            waiter.start();
        }
        if (!started.await(POLL_MS, TimeUnit.MILLISECONDS)) {
            throw new IOException("the floor's waiting threads did not start within " + POLL_MS + " ms");
        }
        Thread.sleep(SETTLE_MS);
        long t0 = System.nanoTime();
        Syscalls.shutdown(shutFd, SHUT_RDWR);
        if (!done.await(POLL_MS, TimeUnit.MILLISECONDS)) {
            throw new IOException("a waiting thread did not see end of stream within " + POLL_MS + " ms of shutdown");
        }
        long[] times = new long[waiters + 1];
        times[0] = t0;
        for (int t = 0; t < waiters; t++) {
            if (eof.get(t) < 0) {
                throw new IOException("a waiting thread woke without end of stream after shutdown(SHUT_RDWR)");
            }
            times[t + 1] = eof.get(t);
        }
        return times;
    }
}
