package sockshare.observe;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;

/**
 * Several observers, asked in order. Loops, not streams or lambdas: JDK 17 links each lambda at its
 * first use, interpreted, and a cold launcher met these at its first act's start and end.
 */
public final class Observers implements Observer {
    private final List<Observer> all;
    /** The observers that apply to this act's socket; none before the act's children hold it. */
    private List<Observer> active = List.of();

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
        boolean tcp = subject.connection().isTcpConnection();
        List<Observer> applying = new ArrayList<>();
        for (Observer o : all) {
            if (tcp || !o.tcpOnly()) {
                applying.add(o);
            }
        }
        active = List.copyOf(applying);
        for (Observer o : active) {
            o.actStarting(subject);
        }
    }

    @Override
    public List<Event> observe(Moment moment) {
        List<Event> seen = new ArrayList<>();
        for (Observer o : active) {
            seen.addAll(o.observe(moment));
        }
        return seen;
    }

    @Override
    public List<Event> actOver(List<Event> events) {
        List<Event> seen = new ArrayList<>();
        for (Observer o : active) {
            seen.addAll(o.actOver(events));
        }
        return seen;
    }

    @Override
    public boolean onlyItsOwnAct() {
        for (Observer o : all) {
            if (!o.onlyItsOwnAct()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (Observer o : all) {
            o.close();
        }
    }

    @Override
    public void actEnded() {
        for (Observer o : active) {
            o.actEnded();
        }
        active = List.of();
    }
}
