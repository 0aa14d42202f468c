package sockshare.actor;

import sockshare.libc.Errno;
import sockshare.libc.EventBits;

/**
 * What the kernel (or the JDK) answered one command: how it ended, the errno, the bytes moved,
 * and anything else it answered. The call began at {@code tStartNs} and returned at {@code tNs},
 * on the actor's thread {@code tid}.
 *
 * @param errno  the errno when the kernel returned one, else null
 * @param bytes  the bytes moved; for a bulk transfer that timed out, how many before it stalled
 * @param answer what else the call answered: received bytes, a state, flags, a peer, epoll's or poll's events, a disposition, a signal, a pending error
 */
public record CallResult(long tStartNs, long tNs, long tid, String actor, long pid, int seq, Op op, Api api, String arg,
                         Outcome outcome, ErrorCode errno, long bytes, Answer answer, String detail) implements Event {
    public static final String KIND = "op";

    /** @return the result of {@code command}, answering nothing else yet */
    public static CallResult of(Command command, String actor, long pid, long tid, long tStartNs, long tNs, Outcome outcome,
                                ErrorCode errno, long bytes, String detail) {
        return new CallResult(tStartNs, tNs, tid, actor, pid, command.seq(), command.op(), command.api(), command.arg(),
                outcome, errno, bytes, Answer.NONE, detail);
    }

    /** @return {@code death} (its process died of a signal during {@code command}) as the command's result */
    public static CallResult killed(Command command, Life death) {
        return of(command, death.actor(), death.pid(), 0, death.tNs(), death.tNs(), Outcome.KILLED, null, 0, death.detail())
                .with(Answer.signal(death.signal()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    public CallResult with(Answer newAnswer) {
        return new CallResult(tStartNs, tNs, tid, actor, pid, seq, op, api, arg, outcome, errno, bytes, newAnswer, detail);
    }

    public CallResult withDetail(String newDetail) {
        return new CallResult(tStartNs, tNs, tid, actor, pid, seq, op, api, arg, outcome, errno, bytes, answer, newDetail);
    }

    /** @return the errno's name, or null when the kernel returned none */
    public String errnoName() {
        return errno == null ? null : errno.name();
    }

    public byte[] received() {
        return answer.received();
    }

    /** @return the received bytes as text (UTF-8), or null when nothing was received */
    public String receivedText() {
        return answer.receivedText();
    }

    public TcpState state() {
        return answer.state();
    }

    /** @return the call as a reader would write it, {@code shutdown(SHUT_RDWR)} */
    public String call() {
        return new Command(seq, op, api, arg, 0).display();
    }

    /** @return the result as a reader would say it: {@code eof}, {@code 6 bytes}, {@code EPIPE}, {@code "hello"} */
    public String result() {
        switch (outcome) {
            case BYTES:
                return answer.received() != null && op == Op.RECV ? "\"" + Wire.printable(receivedText()) + "\"" : bytes + " bytes";
            case ERROR:
                return errno != null ? errno.name() : "error";
            case KILLED:
                return "killed by " + answer.signal();
            case OK:
                return okResult();
            default:
                return outcome.word();
        }
    }

    private String okResult() {
        if (answer.state() != null) {
            return answer.state().word();
        }
        if (answer.flags() != null) {
            return answer.flags().describe();
        }
        if (answer.peer() != null) {
            return op == Op.CONNECT ? answer.peer() + " connected" : "accepted " + answer.peer();
        }
        if (answer.epollEvents() != null) {
            return EventBits.epoll(answer.epollEvents());
        }
        if (answer.pollEvents() != null) {
            return EventBits.poll(answer.pollEvents());
        }
        if (answer.pendingError() != null) {
            return answer.pendingError() == 0 ? "0" : Errno.name(answer.pendingError());
        }
        return answer.disposition() != null ? answer.disposition() : "ok";
    }

    @Override
    public String toString() {
        return actor + ": " + call() + " → " + result();
    }
}
