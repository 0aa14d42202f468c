package sockshare.observe;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;

/** Several observers, asked in order. */
public final class Observers implements Observer {
    private final List<Observer> all;
    /** An act that failed before its children held the socket has nothing to observe. */
    private boolean started;

    public Observers(List<Observer> all) {
        this.all = List.copyOf(all);
    }

    /** The observers every run has: who holds the socket, and the state of both TCP ends. */
    public static Observer standard() {
        return new Observers(List.of(new HolderObserver(), new TcpTableObserver()));
    }

    /** The standard observers and then {@code extra} (strace, capture, kernel trace). */
    public static Observer standardAnd(List<Observer> extra) {
        List<Observer> all = new ArrayList<>(List.of(new HolderObserver(), new TcpTableObserver()));
        all.addAll(extra);
        return new Observers(all);
    }

    @Override
    public void actStarting(ActSubject subject) {
        all.forEach(o -> o.actStarting(subject));
        started = true;
    }

    @Override
    public List<Event> observe(Moment moment) {
        List<Event> seen = new ArrayList<>();
        if (!started) {
            return seen;
        }
        for (Observer o : all) {
            seen.addAll(o.observe(moment));
        }
        return seen;
    }

    @Override
    public List<Event> actOver(List<Event> events) {
        List<Event> seen = new ArrayList<>();
        if (!started) {
            return seen;
        }
        for (Observer o : all) {
            seen.addAll(o.actOver(events));
        }
        return seen;
    }

    @Override
    public void close() {
        all.forEach(Observer::close);
    }

    @Override
    public void actEnded() {
        started = false;
        all.forEach(Observer::actEnded);
    }
}
