package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Event;
import sockshare.actor.KernelTrace;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpState;
import sockshare.actor.WireSegment;

/**
 * The lines strace, tcpdump and tracefs write, read into values: each reader on lines of the
 * shape the tool writes, without starting the tool. The real-JVM tests (StraceTest, CaptureTest,
 * KernelTraceTest) show the same readers on the tools' own output.
 */
class ToolLinesTest {
    private static final ConnectionPorts PORTS = new ConnectionPorts(40000, 40001);
    /** Wall clock = monotonic + 1000 s, so that 1000.000001 s of wall clock is 1 µs of the timeline. */
    private static final ClockOffset CLOCK = ClockOffset.of(1_000_000_000_000L);

    @Test
    void straceCallsHaveTheirThreadTimesResultAndErrno() {
        List<Syscall> calls = Syscall.parse(List.of(
                "1234 1000.000010 shutdown(7, SHUT_RDWR) = 0 <0.000012>",
                "1235 1000.000020 write(7, \"too late\", 8) = -1 EPIPE (Broken pipe) <0.000005>",
                "1235 1000.000030 --- SIGPIPE {si_signo=SIGPIPE} ---",
                "1234 1000.000040 +++ exited with 0 +++"), CLOCK);
        assertEquals(2, calls.size(), () -> "signals and exits are not calls: " + calls);
        Syscall shutdown = calls.get(0);
        assertEquals(1234, shutdown.tid());
        assertEquals("shutdown", shutdown.name());
        assertEquals("shutdown(7, SHUT_RDWR) = 0", shutdown.text());
        assertEquals(10_000, shutdown.startNs());
        assertEquals(22_000, shutdown.endNs(), "the return is the entry plus -T's time in the call");
        assertNull(shutdown.errno());
        assertEquals("EPIPE", calls.get(1).errno());
    }

    @Test
    void anUnfinishedCallAndItsResumptionAreOneCall() {
        List<Syscall> calls = Syscall.parse(List.of(
                "1235 1000.000100 read(7,  <unfinished ...>",
                "1234 1000.000200 shutdown(7, SHUT_RDWR) = 0 <0.000003>",
                "1235 1000.000300 <... read resumed>\"\", 8192) = 0 <0.000200>"), CLOCK);
        Syscall read = calls.stream().filter(c -> c.name().equals("read")).findFirst().orElseThrow();
        assertEquals(100_000, read.startNs(), "it began when strace first wrote it");
        assertEquals(300_000, read.endNs());
        assertEquals("read(7, \"\", 8192) = 0", read.text());
        assertTrue(read.startNs() < calls.get(0).startNs() && read.endNs() > calls.get(0).startNs(),
                "the blocked read spans the shutdown");
    }

    @Test
    void aCallTouchesTheFdItNamesFirstDupsOverOrPollsOn() {
        List<Syscall> calls = Syscall.parse(List.of(
                "1 1000.1 close(17) = 0 <0.000001>",
                "1 1000.2 dup2(5, 7) = 7 <0.000001>",
                "1 1000.3 poll([{fd=7, events=POLLIN}], 1, 500) = 1 ([{fd=7, revents=POLLIN}]) <0.000001>",
                "1 1000.4 close(7) = 0 <0.000001>"), CLOCK);
        assertFalse(calls.get(0).touches(7), "close(17) is not fd 7");
        assertTrue(calls.get(1).touches(7));
        assertTrue(calls.get(2).touches(7));
        assertEquals(List.of("dup2", "poll", "close"),
                StraceObserver.onTheSocket(calls, 7, 0).stream().map(Syscall::name).toList(),
                "the socket's calls end at the close after the dup over it");
    }

    @Test
    void straceWritesAProcessExitLast() {
        assertTrue(StraceObserver.hasExit(List.of("1234 1000.1 close(7) = 0", "1234 1000.2 +++ exited with 0 +++"), 1234));
        assertTrue(StraceObserver.hasExit(List.of("1234 1000.2 +++ killed by SIGKILL +++"), 1234));
        assertFalse(StraceObserver.hasExit(List.of("1235 1000.2 +++ exited with 0 +++"), 1234));
    }

    @Test
    void tcpdumpSegmentsKeepFlagsLengthAndDirectionAndDropPureAcks() {
        String output = String.join("\n",
                "1000.000050 IP 127.0.0.1.40000 > 127.0.0.1.40001: Flags [F.], seq 13, ack 8, win 512, length 0",
                "1000.000060 IP 127.0.0.1.40001 > 127.0.0.1.40000: Flags [.], ack 14, win 512, length 0",
                "1000.000070 IP6 ::1.40001 > ::1.40000: Flags [P.], seq 1:8, ack 14, win 512, length 7",
                "1000.000080 IP 127.0.0.1.40001 > 127.0.0.1.40000: Flags [R.], seq 8, ack 14, win 0, length 0",
                "tcpdump: listening on lo, link-type EN10MB");
        List<Segment> segments = Segment.parse(output);
        assertEquals(4, segments.size());
        assertEquals("F.", segments.get(0).flags());
        assertEquals(7, segments.get(2).length());
        List<Event> seen = CaptureObserver.read(output, PORTS, CLOCK);
        assertEquals(3, seen.size(), "the pure ACK is left out");
        WireSegment fin = (WireSegment) seen.get(0);
        assertEquals(Side.HOLDERS, fin.from());
        assertEquals(List.of(WireSegment.Flag.FIN, WireSegment.Flag.ACK), fin.flags());
        assertEquals(50_000, fin.tNs());
        assertEquals("holders' end → peer's end: FIN ACK, 0 bytes", fin.describe());
        WireSegment data = (WireSegment) seen.get(1);
        assertEquals(Side.PEER, data.from());
        assertEquals(7, data.length());
        assertEquals(List.of(WireSegment.Flag.RST, WireSegment.Flag.ACK), ((WireSegment) seen.get(2)).flags());
    }

    @Test
    void tracepointsBecomeStatesAndResetsOfTheConnectionsEnds() {
        List<Event> seen = KernelTraceObserver.read(List.of(
                "# tracer: nop",
                "        A-step-2-4242    [001] ..... 12345.678901: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP "
                        + "sport=40000 dport=40001 saddr=127.0.0.1 daddr=127.0.0.1 oldstate=TCP_ESTABLISHED newstate=TCP_FIN_WAIT1",
                "          <idle>-0       [000] ..s1. 12345.679000: tcp_send_reset: skbaddr=0 skaddr=0 src=127.0.0.1:40000 "
                        + "dest=127.0.0.1:40001 state=TCP_CLOSE_WAIT reason=TCP_ABORT_ON_CLOSE",
                "          <idle>-0       [000] ..s1. 12345.679100: tcp_send_reset: skbaddr=0 skaddr=0 src=127.0.0.1:5 "
                        + "dest=127.0.0.1:6 state=TCP_CLOSE_WAIT reason=TCP_ABORT_ON_CLOSE",
                "          <idle>-0       [000] ..s1. 12345.679200: tcp_receive_reset: family=AF_INET sport=40001 dport=40000 "
                        + "saddr=127.0.0.1 daddr=127.0.0.1 state=TCP_ESTABLISHED",
                "          <idle>-0       [000] ..s1. 12345.679300: tcp_probe: sport=40001"), PORTS);
        assertEquals(3, seen.size(), () -> "another connection's reset and other tracepoints are left out: " + seen);
        KernelTrace state = (KernelTrace) seen.get(0);
        assertEquals(12_345_678_901_000L, state.tNs());
        assertEquals(4242, state.pid());
        assertEquals("A-step-2", state.task());
        assertEquals(TcpState.ESTABLISHED, state.from());
        assertEquals(TcpState.FIN_WAIT_1, state.to());
        assertEquals("holders' end ESTABLISHED → FIN-WAIT-1 (in A-step-2)", state.describe());
        KernelTrace sent = (KernelTrace) seen.get(1);
        assertEquals(KernelTrace.Point.SENT_RESET, sent.point());
        assertEquals("TCP_ABORT_ON_CLOSE", sent.reason());
        assertEquals("holders' end sent RST in CLOSE-WAIT, reason TCP_ABORT_ON_CLOSE (in <idle>)", sent.describe());
        assertEquals(Side.PEER, ((KernelTrace) seen.get(2)).side());
    }
}
