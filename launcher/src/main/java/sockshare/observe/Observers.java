package sockshare.observe;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;

/** Several observers, asked in order. */
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
        active = all.stream().filter(o -> tcp || !o.tcpOnly()).toList();
        active.forEach(o -> o.actStarting(subject));
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
        return all.stream().allMatch(Observer::onlyItsOwnAct);
    }

    @Override
    public void close() {
        all.forEach(Observer::close);
    }

    @Override
    public void actEnded() {
        active.forEach(Observer::actEnded);
        active = List.of();
    }
}
