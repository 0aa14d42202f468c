package sockshare.actor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a call answered besides its outcome, errno and byte count; at most one of these is set.
 *
 * @param received    the bytes a recv or read returned
 * @param state       the TCP state a {@code state} step read
 * @param flags       the shared options a {@code flags} step read
 * @param peer        who is at the other end of a connection an accept took or a connect made
 * @param epollEvents the events epoll_wait reported, as epoll(7)'s bits
 * @param disposition what the process does with SIGPIPE ({@code SIG_DFL}, {@code SIG_IGN}, {@code a handler in libjvm.so}),
 *                    as the process itself described it: where a handler lies is known only there
 * @param signal      the signal that killed the process during the call, {@code SIGPIPE}
 * @param pollEvents  the revents poll(2) reported, as poll(2)'s bits
 * @param pendingError the errno getsockopt(SO_ERROR) answered as pending, 0 for none
 * @param stall       how a bulk transfer's stall was seen
 */
public record Answer(byte[] received, TcpState state, SharedFlags flags, String peer, Integer epollEvents,
                     String disposition, String signal, Integer pollEvents, Integer pendingError, Stall stall) {
    public static final Answer NONE = new Answer(null, null, null, null, null, null, null, null, null, null);

    public static Answer received(byte[] bytes) {
        return new Answer(bytes.clone(), null, null, null, null, null, null, null, null, null);
    }

    public static Answer state(TcpState state) {
        return new Answer(null, state, null, null, null, null, null, null, null, null);
    }

    public static Answer flags(SharedFlags flags) {
        return new Answer(null, null, flags, null, null, null, null, null, null, null);
    }

    public static Answer peer(String who) {
        return new Answer(null, null, null, who, null, null, null, null, null, null);
    }

    public static Answer epollEvents(int events) {
        return new Answer(null, null, null, null, events, null, null, null, null, null);
    }

    public static Answer disposition(String described) {
        return new Answer(null, null, null, null, null, described, null, null, null, null);
    }

    public static Answer signal(String name) {
        return new Answer(null, null, null, null, null, null, name, null, null, null);
    }

    public static Answer pollEvents(int revents) {
        return new Answer(null, null, null, null, null, null, null, revents, null, null);
    }

    public static Answer pendingError(int errno) {
        return new Answer(null, null, null, null, null, null, null, null, errno, null);
    }

    public static Answer stall(Stall stall) {
        return new Answer(null, null, null, null, null, null, null, null, null, stall);
    }

    /** @return whether the call answered nothing beyond its outcome */
    public boolean isNone() {
        return equals(NONE);
    }

    /** @return the received bytes as text (UTF-8), or null when nothing was received */
    public String receivedText() {
        return received == null ? null : new String(received, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Answer a && Arrays.equals(received, a.received) && state == a.state
                && Objects.equals(flags, a.flags) && Objects.equals(peer, a.peer) && Objects.equals(epollEvents, a.epollEvents)
                && Objects.equals(disposition, a.disposition) && Objects.equals(signal, a.signal)
                && Objects.equals(pollEvents, a.pollEvents) && Objects.equals(pendingError, a.pendingError)
                && Objects.equals(stall, a.stall);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, flags, peer, epollEvents, disposition, signal, pollEvents, pendingError, stall) * 31 + Arrays.hashCode(received);
    }

    @Override
    public String toString() {
        return isNone() ? "none" : receivedText() != null ? "received " + receivedText()
                : Objects.toString(state != null ? state : flags != null ? flags : peer != null ? peer
                : epollEvents != null ? epollEvents : disposition != null ? disposition : signal != null ? signal
                : pollEvents != null ? pollEvents : pendingError != null ? pendingError : stall);
    }
}
