package sockshare.actor;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;

/**
 * The table of operations an actor performs on its reference to the shared socket. Each is
 * declared here once: its word, what may follow it ({@link OpGrammar}, with units), which socket
 * kinds and which actors it is for, its libc execution ({@link SocketActor}) and its Java one
 * ({@link JavaSteps}, when the JDK has a way of its own), and how a call is shown. The scenario
 * parser, the live console, the reports and the executors all read it; adding an operation is
 * adding a row here and its execution.
 *
 * <p>A row's executions and how it is shown are methods of its constant's body, not lambdas or
 * method references: javac makes each body a class of its own, which a JVM loads ready from the
 * class-data archive, whereas JDK 17 links each lambda through its bootstrap method, interpreted,
 * 0.1-0.2 ms each, and the table's 66 were all linked at its class initialisation, on every JVM's
 * way to its first step (native-notes/perf.md, "Op without lambdas").
 */
public enum Op {
    CLOSE(row(OpGrammar.oneOf("", true, Command.DUP, Command.SOCKET)).returnsZero().java().libcOnlyWith(Command.DUP)
            .javaOnlyWith(Command.SOCKET)) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.close(c, fd, t0);
        }

        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.close(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return Command.DUP.equals(c.arg()) ? "close(dup)" : Command.SOCKET.equals(c.arg()) ? "socket().close()"
                    : c.api() == Api.JAVA ? "channel.close()" : "close()";
        }
    },
    SHUTDOWN(row(OpGrammar.oneOf("SHUT_", false, "RD", "WR", "RDWR")).returnsZero().java()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.shutdown(c, fd, t0);
        }

        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.shutdown(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return c.api() == Api.JAVA ? JavaSteps.shutdownCalls(c.arg()) : "shutdown(SHUT_" + c.arg() + ")";
        }
    },
    SEND(row(OpGrammar.text()).java()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.send(c, fd, t0);
        }

        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.send(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return (c.api() == Api.JAVA ? "write" : "send") + "(\"" + Wire.printable(c.arg()) + "\")";
        }
    },
    RECV(row(OpGrammar.timeout()).waits().reads().java().libcOnlyWith(Command.BLOCKING)) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.recv(c, fd, t0);
        }

        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.read(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return c.api() == Api.JAVA ? "read()" : Command.BLOCKING.equals(c.arg()) ? "recv() plain" : "recv()";
        }
    },
    /** Asks the kernel for this end's TCP state (getsockopt TCP_INFO), through the copy with {@code dup}; changes nothing. */
    STATE(row(OpGrammar.oneOf("", true, Command.DUP)).settles()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.state(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return Command.DUP.equals(c.arg()) ? "tcp state (dup)" : "tcp state";
        }
    },
    /** Sets or clears O_NONBLOCK, a flag of the open file description every holder shares. */
    NONBLOCK(row(OpGrammar.oneOf("", false, "on", "off")).returnsZero().java()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.nonblock(c, fd, t0);
        }

        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.nonblock(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return c.api() == Api.JAVA ? "configureBlocking(" + "off".equals(c.arg()) + ")"
                    : "fcntl(F_SETFL, " + ("on".equals(c.arg()) ? "" : "~") + "O_NONBLOCK)";
        }
    },
    /** Sets SO_LINGER {on, seconds}, an option of the socket every holder shares. */
    LINGER(row(OpGrammar.seconds(OpGrammar.MAX_LINGER_S)).returnsZero().java()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.linger(c, fd, t0);
        }

        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.linger(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return "setsockopt(SO_LINGER, {on, " + c.arg() + "})";
        }
    },
    /** Reads O_NONBLOCK and SO_LINGER as this holder sees them; changes nothing. */
    FLAGS(row(OpGrammar.none())) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.flags(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "flags";
        }
    },
    /** Makes a second fd in this process for the same socket (dup(2)); {@code close dup} closes it. */
    DUP(row(OpGrammar.none())) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.dup(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "dup()";
        }
    },
    /** A deliberate misuse of shutdown(2), to show the errno the kernel answers it with. */
    MISUSE(row(OpGrammar.oneOf("", false, Misuse.NAMES.toArray(new String[0]))).returnsZero().ownSockets()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.misuse(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "misuse " + c.arg();
        }
    },
    /** Java only: configureBlocking(false) and register the channel with a Selector, which is kept open. */
    REGISTER(row(OpGrammar.none()).returnsZero().children().javaOnly()) {
        @Override
        CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
            return steps.register(c, channel, t0);
        }

        @Override
        public String display(Command c) {
            return "register(selector)";
        }
    },
    /**
     * Sends N bytes as fast as the socket takes them (by some bytes at a time), until all are
     * sent, the timeout passes, or, when asked, a stall is seen (see {@link BulkPlan}).
     */
    SEND_BULK(row(OpGrammar.bulk(true, OpGrammar.MAX_BULK_BYTES)).waits()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.sendBulk(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "send-bulk(" + BulkPlan.held(c.arg()).size() + " bytes" + BulkPlan.held(c.arg()).shownChunk() + ")";
        }
    },
    /** Reads until end of stream or the timeout, counting the bytes. */
    RECV_ALL(row(OpGrammar.none()).waits().reads()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.recvAll(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "recv until eof";
        }
    },
    /**
     * A server's loop: reads (by some bytes at a time), sends back upper-cased what it read, until
     * end of stream, the timeout, or, when asked, a stall (see {@link BulkPlan}).
     */
    ECHO_UPPER(row(OpGrammar.bulk(false, 0)).waits().reads()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.echoUpper(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "echo upper-cased" + BulkPlan.held(c.arg()).shownChunk();
        }
    },
    /** A child's accept(2) on a shared listening socket, then the new client's greeting. */
    ACCEPT(row(OpGrammar.none()).waits().on(SocketKind.LISTENER).children()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.accept(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "accept()";
        }
    },
    /** The peer connects a new client to the shared listening socket; later peer steps use that client. */
    CONNECT(row(OpGrammar.none()).waits().on(SocketKind.LISTENER).peer().ownSockets()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.connect(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "connect()";
        }
    },
    /** poll(2) for the events named, waiting up to the time given (0: only look); answers the revents by name. */
    POLL(row(OpGrammar.pollEvents()).waits()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.poll(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "poll(" + c.arg() + ")";
        }
    },
    /** getsockopt(SO_ERROR): the socket's pending error by name, or 0; reading it clears it. */
    GETSOCKOPT(row(OpGrammar.oneOf("", false, "SO_ERROR"))) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.pendingError(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "getsockopt(" + c.arg() + ")";
        }
    },
    /** Adds the shared socket to this actor's epoll set (made on first use); {@code et} or {@code exclusive} add that flag. */
    EPOLL_ADD(row(OpGrammar.oneOf("", true, "et", "exclusive"))) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.epollAdd(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "epoll_ctl(EPOLL_CTL_ADD" + (c.arg() == null ? "" : ", EPOLL" + c.arg().toUpperCase(Locale.ROOT)) + ")";
        }
    },
    /** EPOLL_CTL_DEL of the shared socket's fd number from this actor's epoll set. */
    EPOLL_DEL(row(OpGrammar.none())) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.epollDel(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "epoll_ctl(EPOLL_CTL_DEL)";
        }
    },
    /** epoll_wait(2) on this actor's epoll set: which events it reports, or nothing by the timeout. */
    EPOLL_WAIT(row(OpGrammar.none()).waits().touchesNoFd()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.epollWait(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "epoll_wait()";
        }
    },
    /** Takes another child's epoll instance with pidfd_getfd(2): from then on both wait on one epoll set. */
    EPOLL_TAKE(row(OpGrammar.child()).children()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.epollTake(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "pidfd_getfd(epoll of pid " + c.arg() + ")";
        }
    },
    /** Ends this actor's epoll_wait with a signal to its thread: EINTR if the set had nothing to report. */
    INTERRUPT(row(OpGrammar.none()).touchesNoFd()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.interrupt(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "tgkill(epoll_wait's thread, SIGRTMAX-2)";
        }
    },
    /** Reads this process's SIGPIPE disposition; {@code default} gives SIGPIPE back its default action, death. */
    SIGPIPE(row(OpGrammar.oneOf("", true, "default")).children().touchesNoFd()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.sigpipe(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return c.arg() == null ? "SIGPIPE disposition" : "sigaction(SIGPIPE, SIG_DFL)";
        }
    },
    /** send(2) with no flags: without MSG_NOSIGNAL, a send on a socket that cannot send raises SIGPIPE. */
    SEND_PLAIN(row(OpGrammar.text()).children()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.sendPlain(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "send(\"" + Wire.printable(c.arg()) + "\", 0)";
        }
    },
    /** A child of a thundering herd: serves connections on the listener, counting wake-ups; see Herd. */
    HERD(row(OpGrammar.oneOf("", false, "accept", "epoll", "epoll-exclusive", "reuseport")).waits().on(SocketKind.LISTENER)
            .children()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.herd(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "herd(" + c.arg() + ")";
        }
    },
    /** The peer connects N clients one at a time, each waiting for the name of the child that accepted it. */
    CONNECT_SERIAL(row(OpGrammar.count(1_000)).waits().on(SocketKind.LISTENER).peer().ownSockets()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.connectSerial(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "connect " + c.arg().substring(c.arg().lastIndexOf(' ') + 1) + " clients, one at a time";
        }
    },
    /** The old holder of a listener handed over under load: serves, stops accepting, waits, lets go; see Handover. */
    HANDOVER_OLD(row(OpGrammar.oneOf("", false, Handover.MODES.toArray(new String[0]))).waits().on(SocketKind.LISTENER).children()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.handoverOld(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "handover-old(" + c.arg() + ")";
        }
    },
    /** The new holder of a listener handed over under load: takes it over one of five ways, then serves; see Handover. */
    HANDOVER_NEW(row(OpGrammar.oneOf("", false, Handover.MODES.toArray(new String[0]))).waits().on(SocketKind.LISTENER).children()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.handoverNew(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "handover-new(" + c.arg() + ")";
        }
    },
    /** The peer's bounded load: N clients at a steady rate, one request and its reply each; see LoadClients. */
    LOAD(row(OpGrammar.count(Op.LOAD_MAX_CLIENTS)).waits().on(SocketKind.LISTENER).peer().ownSockets()) {
        @Override
        CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
            return actor.load(c, fd, t0);
        }

        @Override
        public String display(Command c) {
            return "load of " + c.arg().substring(c.arg().lastIndexOf(' ') + 1) + " clients, " + LoadClients.PER_MS + " a ms";
        }
    };

    /** The most clients one {@link #LOAD} may start. */
    public static final int LOAD_MAX_CLIENTS = 20_000;

    /** Who may perform an operation. */
    public enum Actors { ANY, CHILDREN, PEER }

    private final Row row;

    Op(Row row) {
        this.row = row;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public OpGrammar grammar() {
        return row.grammar;
    }

    /** @return whether the operation can wait, so that its step's timeout bounds it */
    public boolean waits() {
        return row.waits;
    }

    /**
     * @return whether the call may take up to its step's timeout: it waits for an event, or, as
     *         state does, for the kernel to settle what was sent before it reads
     */
    public boolean takesTheTimeout() {
        return row.waits || row.settles;
    }

    /** @return whether the call returns 0 when it succeeds with nothing to show (close, shutdown, setsockopt, fcntl) */
    public boolean returnsZero() {
        return row.returnsZero;
    }

    /** @return whether the call reads, so that it returns 0 at end of stream */
    public boolean reads() {
        return row.reads;
    }

    /** @return whether the operation is for a shared socket of this kind */
    public boolean allowedOn(SocketKind kind) {
        return row.kinds.contains(kind);
    }

    public Set<SocketKind> kinds() {
        return row.kinds;
    }

    public Actors actors() {
        return row.actors;
    }

    /** @return whether the operation with this argument exists only through the JDK */
    public boolean javaOnly(String arg) {
        return row.javaOnly || arg != null && row.javaOnlyArgs.contains(arg);
    }

    /** @return whether the operation with this argument has a Java execution of its own; else it is libc at either level */
    public boolean hasJava(String arg) {
        return row.java && (arg == null || !row.libcOnlyArgs.contains(arg));
    }

    /** @return whether the call touches the actor's fd, so that a number this process closed must not be used */
    boolean touchesTheSocket() {
        return !row.touchesNoFd;
    }

    /** @return whether the operation works on sockets it makes itself, not on the actor's reference */
    boolean ownSockets() {
        return row.ownSockets;
    }

    /**
     * Performs the operation through libc on {@code fd}, the actor's reference (null for
     * {@link Row#ownSockets}). Every row but the Java-only ones ({@link #javaOnly}) declares it.
     */
    CallResult libc(SocketActor actor, Command c, Fd fd, long t0) throws ErrnoException {
        throw new UnsupportedOperationException(word() + " is a Java-level operation");
    }

    /** Performs the operation through the JDK's own SocketChannel method; the rows that say {@link Row#java} declare it. */
    CallResult java(JavaSteps steps, Command c, SocketChannel channel, long t0) throws IOException {
        throw new UnsupportedOperationException(word() + " has no Java execution of its own");
    }

    /** @return the call as a reader would write it, as in {@code shutdown(SHUT_RDWR)} */
    public abstract String display(Command c);

    /** @return the step text for this operation with {@code arg}, as a scenario writes it: {@code send "hi"} */
    public String step(String arg) {
        String written = row.grammar.write(arg);
        return written == null ? word() : word() + " " + written;
    }

    /** @return the operation spelled {@code word} in any case, or null */
    public static Op parse(String word) {
        for (Op op : values()) {
            if (op.word().equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }

    /** @return every operation's word, in the table's order, for messages */
    public static List<String> words() {
        List<String> words = new ArrayList<>();
        for (Op op : values()) {
            words.add(op.word());
        }
        return words;
    }

    /** @return the operations {@code actors} may perform on a socket of {@code kind}, for messages */
    public static List<String> words(SocketKind kind, Actors actors) {
        List<String> words = new ArrayList<>();
        for (Op op : values()) {
            if (op.allowedOn(kind) && (op.actors() == Actors.ANY || op.actors() == actors)) {
                words.add(op.word());
            }
        }
        return words;
    }

    private static Row row(OpGrammar grammar) {
        return new Row(grammar);
    }

    /** One row of the table, written fluently where the operation is declared. */
    private static final class Row {
        final OpGrammar grammar;
        Set<SocketKind> kinds = EnumSet.allOf(SocketKind.class);
        Actors actors = Actors.ANY;
        boolean waits;
        boolean settles;
        boolean returnsZero;
        boolean reads;
        boolean javaOnly;
        boolean ownSockets;
        boolean touchesNoFd;
        Set<String> libcOnlyArgs = Set.of();
        Set<String> javaOnlyArgs = Set.of();
        boolean java;

        Row(OpGrammar grammar) {
            this.grammar = grammar;
        }

        Row on(SocketKind first, SocketKind... more) {
            kinds = EnumSet.of(first, more);
            return this;
        }

        Row children() {
            actors = Actors.CHILDREN;
            return this;
        }

        Row peer() {
            actors = Actors.PEER;
            return this;
        }

        Row waits() {
            waits = true;
            return this;
        }

        Row settles() {
            settles = true;
            return this;
        }

        Row returnsZero() {
            returnsZero = true;
            return this;
        }

        Row reads() {
            reads = true;
            return this;
        }

        Row javaOnly() {
            javaOnly = true;
            java = true;
            return this;
        }

        Row ownSockets() {
            ownSockets = true;
            return this;
        }

        Row touchesNoFd() {
            touchesNoFd = true;
            return this;
        }

        Row libcOnlyWith(String... args) {
            libcOnlyArgs = Set.of(args);
            return this;
        }

        Row javaOnlyWith(String... args) {
            javaOnlyArgs = Set.of(args);
            return this;
        }

        /** The operation has a Java execution of its own besides libc's: its row declares {@code java}. */
        Row java() {
            java = true;
            return this;
        }
    }
}
