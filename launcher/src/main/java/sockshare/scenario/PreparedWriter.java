package sockshare.scenario;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.expect.Expectation;

/**
 * Run by the build (launcher/pom.xml, process-classes): parses every built-in scenario's YAML
 * with {@link ScenarioParser}, as a user's file is parsed, and writes the result beside them as
 * {@link PreparedBuiltins#RESOURCE}, which {@link PreparedReader} reads back without the YAML
 * reader. The YAML stays the one source; this form is remade from it by every build.
 *
 * <p>The form, in {@link DataOutputStream}'s encoding: the number of built-ins; for each, in
 * catalog order, its name, its title and the length of its scenario's bytes; then each one's
 * scenario, field by field in the records' order. A text or member that may be absent is preceded
 * by whether it is there; an enum constant is its ordinal (the form is read only by the build that
 * wrote it).
 */
public final class PreparedWriter {
    private final DataOutputStream out;

    private PreparedWriter(DataOutputStream out) {
        this.out = out;
    }

    /** @param args the build's class output folder, whose {@code scenarios/} holds index.txt and the YAML files */
    public static void main(String[] args) throws IOException, ScenarioException {
        Path folder = Path.of(args[0], "scenarios");
        List<Scenario> builtins = new ArrayList<>();
        for (String name : names(Files.readString(folder.resolve("index.txt")))) {
            builtins.add(ScenarioParser.parse("builtin:" + name, Files.readString(folder.resolve(name + ".yaml"))));
        }
        Files.write(Path.of(args[0]).resolve(PreparedBuiltins.RESOURCE.substring(1)), prepared(builtins));
    }

    /** @return the names index.txt lists, in its order: one a line, # for a comment */
    static List<String> names(String index) {
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** @return the prepared form of {@code builtins}, in their order */
    static byte[] prepared(List<Scenario> builtins) throws IOException {
        List<byte[]> scenarios = new ArrayList<>();
        for (Scenario scenario : builtins) {
            scenarios.add(bytes(scenario));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(all);
        out.writeInt(builtins.size());
        for (int i = 0; i < builtins.size(); i++) {
            out.writeUTF(builtins.get(i).name());
            new PreparedWriter(out).text(builtins.get(i).title());
            out.writeInt(scenarios.get(i).length);
        }
        for (byte[] scenario : scenarios) {
            out.write(scenario);
        }
        out.flush();
        return all.toByteArray();
    }

    /** @return {@code scenario} in the form {@link PreparedReader#scenario} reads */
    static byte[] bytes(Scenario scenario) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        new PreparedWriter(out).scenario(scenario);
        out.flush();
        return bytes.toByteArray();
    }

    private void scenario(Scenario s) throws IOException {
        out.writeUTF(s.name());
        text(s.title());
        text(s.description());
        out.writeInt(s.children());
        out.writeBoolean(s.recorded() != null);
        if (s.recorded() != null) {
            out.writeUTF(s.recorded().kernel());
            out.writeUTF(s.recorded().jdk());
        }
        out.writeInt(s.acts().size());
        for (Scenario.Act act : s.acts()) {
            act(act);
        }
        out.writeUTF(s.source());
        member(s.net());
        out.writeBoolean(s.link() != null);
        if (s.link() != null) {
            out.writeLong(s.link().bitsPerSecond());
            out.writeUTF(s.link().text());
        }
        out.writeBoolean(s.catalog() != null);
        if (s.catalog() != null) {
            out.writeInt(s.catalog().trials());
            out.writeInt(s.catalog().clients());
            out.writeInt(s.catalog().children());
            out.writeInt(s.catalog().skipped().size());
            for (String title : s.catalog().skipped()) {
                out.writeUTF(title);
            }
        }
    }

    private void act(Scenario.Act act) throws IOException {
        out.writeUTF(act.title());
        member(act.socket());
        out.writeInt(act.steps().size());
        for (Step step : act.steps()) {
            step(step);
        }
        out.writeInt(act.sysctl().size());
        for (Map.Entry<String, String> setting : act.sysctl().entrySet()) {
            out.writeUTF(setting.getKey());
            out.writeUTF(setting.getValue());
        }
    }

    private void step(Step step) throws IOException {
        out.writeInt(step.line());
        text(step.actor());
        member(step.op());
        text(step.arg());
        member(step.api());
        out.writeBoolean(step.background());
        out.writeInt(step.timeoutMs());
        out.writeLong(step.sleepMs());
        expectation(step.expect());
        text(step.predict());
    }

    /** Each kind of expectation is its tag ({@link PreparedReader}'s), then its fields. */
    private void expectation(Expectation e) throws IOException {
        if (e == null) {
            tag(PreparedReader.NONE);
        } else if (e instanceof Expectation.Ended x) {
            tag(PreparedReader.ENDED).member(x.outcome());
        } else if (e instanceof Expectation.Returned x) {
            tag(PreparedReader.RETURNED).out.writeLong(x.value());
        } else if (e instanceof Expectation.Failed x) {
            tag(PreparedReader.FAILED).text(x.errno());
        } else if (e instanceof Expectation.Received x) {
            tag(PreparedReader.RECEIVED).out.writeUTF(x.text());
        } else if (e instanceof Expectation.InState x) {
            tag(PreparedReader.IN_STATE).member(x.state());
        } else if (e instanceof Expectation.Polled x) {
            tag(PreparedReader.POLLED).out.writeInt(x.revents());
        } else if (e instanceof Expectation.FlagsRead x) {
            tag(PreparedReader.FLAGS_READ).out.writeBoolean(x.nonblocking());
            out.writeBoolean(x.lingerSeconds() != null);
            if (x.lingerSeconds() != null) {
                out.writeInt(x.lingerSeconds());
            }
        } else if (e instanceof Expectation.Connection x) {
            tag(PreparedReader.CONNECTION).out.writeBoolean(x.accepted());
            out.writeUTF(x.who());
        } else if (e instanceof Expectation.Reported x) {
            tag(PreparedReader.REPORTED).out.writeInt(x.events());
        } else if (e instanceof Expectation.Disposition x) {
            tag(PreparedReader.DISPOSITION).out.writeUTF(x.disposition());
        } else if (e instanceof Expectation.Killed x) {
            tag(PreparedReader.KILLED).out.writeUTF(x.signal());
        } else {
            throw new IllegalArgumentException("no prepared form for the expectation " + e);
        }
    }

    /** @return this writer, having written the tag of a kind of expectation */
    private PreparedWriter tag(int kind) throws IOException {
        out.writeByte(kind);
        return this;
    }

    private void text(String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    /** An enum constant as its ordinal plus one, 0 for none. */
    private void member(Enum<?> constant) throws IOException {
        out.writeByte(constant == null ? 0 : constant.ordinal() + 1);
    }
}
