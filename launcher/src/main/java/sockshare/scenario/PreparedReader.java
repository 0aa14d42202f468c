package sockshare.scenario;

import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sockshare.actor.Api;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.TcpState;
import sockshare.expect.Expectation;
import sockshare.netns.LinkRate;

/** Reads back one scenario {@link PreparedWriter} wrote: the records made again, field by field, nothing parsed. */
final class PreparedReader {
    static final int NONE = 0;
    static final int ENDED = 1;
    static final int RETURNED = 2;
    static final int FAILED = 3;
    static final int RECEIVED = 4;
    static final int IN_STATE = 5;
    static final int POLLED = 6;
    static final int FLAGS_READ = 7;
    static final int CONNECTION = 8;
    static final int REPORTED = 9;
    static final int DISPOSITION = 10;
    static final int KILLED = 11;

    private final DataInput in;

    PreparedReader(DataInput in) {
        this.in = in;
    }

    /** Arguments are read in the order they are written: Java evaluates them left to right. */
    Scenario scenario() throws IOException {
        String name = in.readUTF();
        String title = text();
        String description = text();
        int children = in.readInt();
        Scenario.Recorded recorded = in.readBoolean() ? new Scenario.Recorded(in.readUTF(), in.readUTF()) : null;
        int count = in.readInt();
        List<Scenario.Act> acts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            acts.add(act());
        }
        String source = in.readUTF();
        NetKind net = member(NetKind.values());
        LinkRate link = in.readBoolean() ? new LinkRate(in.readLong(), in.readUTF()) : null;
        Catalog catalog = in.readBoolean() ? new Catalog(in.readInt(), in.readInt(), in.readInt(), titles()) : null;
        return new Scenario(name, title, description, children, recorded, acts, source, net, link, catalog);
    }

    private Set<String> titles() throws IOException {
        int count = in.readInt();
        Set<String> titles = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            titles.add(in.readUTF());
        }
        return titles;
    }

    private Scenario.Act act() throws IOException {
        String title = in.readUTF();
        SocketKind socket = member(SocketKind.values());
        int count = in.readInt();
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            steps.add(step());
        }
        int settings = in.readInt();
        Map<String, String> sysctl = new LinkedHashMap<>();
        for (int i = 0; i < settings; i++) {
            sysctl.put(in.readUTF(), in.readUTF());
        }
        return new Scenario.Act(title, socket, steps, sysctl);
    }

    private Step step() throws IOException {
        return new Step(in.readInt(), text(), member(Op.values()), text(), member(Api.values()), in.readBoolean(),
                in.readInt(), in.readLong(), expectation(), text());
    }

    private Expectation expectation() throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NONE -> null;
            case ENDED -> new Expectation.Ended(member(Outcome.values()));
            case RETURNED -> new Expectation.Returned(in.readLong());
            case FAILED -> new Expectation.Failed(text());
            case RECEIVED -> new Expectation.Received(in.readUTF());
            case IN_STATE -> new Expectation.InState(member(TcpState.values()));
            case POLLED -> new Expectation.Polled(in.readInt());
            case FLAGS_READ -> new Expectation.FlagsRead(in.readBoolean(), in.readBoolean() ? in.readInt() : null);
            case CONNECTION -> new Expectation.Connection(in.readBoolean(), in.readUTF());
            case REPORTED -> new Expectation.Reported(in.readInt());
            case DISPOSITION -> new Expectation.Disposition(in.readUTF());
            case KILLED -> new Expectation.Killed(in.readUTF());
            default -> throw new IOException("no kind of expectation has the tag " + tag);
        };
    }

    private String text() throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private <E> E member(E[] constants) throws IOException {
        int n = in.readUnsignedByte();
        return n == 0 ? null : constants[n - 1];
    }
}
