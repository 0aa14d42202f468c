package sockshare.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import sockshare.libc.Fd;

/** The table of operations: every row complete, and each grammar read and written back (no socket involved). */
class OpTableTest {

    @ParameterizedTest
    @EnumSource(Op.class)
    void everyOperationCanBePerformedAndShown(Op op) {
        assertEquals(!op.javaOnly(null), declares(op, "libc", SocketActor.class, Command.class, Fd.class, long.class),
                op + " has a libc execution unless it is Java-only");
        assertEquals(op.hasJava(null), declares(op, "java", JavaSteps.class, Command.class, SocketChannel.class, long.class),
                op + " has a Java execution when its row says so");
        assertEquals(op, Op.parse(op.word()));
        assertEquals(op, Op.parse(op.word().toUpperCase()), "operation words in any case");
        assertFalse(op.kinds().isEmpty(), op + " is for some socket");
        assertNotNull(op.grammar().shape());
        String shown = op.display(new Command(1, op, Api.LIBC, sample(op), 1000));
        assertFalse(shown.isBlank(), op + " is shown");
    }

    private static boolean declares(Op op, String method, Class<?>... parameters) {
        try {
            op.getClass().getDeclaredMethod(method, parameters);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** @return an argument {@code op}'s grammar accepts, read by the grammar itself */
    private static String sample(Op op) {
        for (String rest : new String[] {null, "RDWR", "hello", "on", "5s", "32MiB", "IN|OUT", "shutdown-pipe", "SO_ERROR", "A", "epoll", "20", "rebind"}) {
            try {
                return op.grammar().parse(rest).arg();
            } catch (IllegalArgumentException refused) {
                // not this one
            }
        }
        throw new AssertionError(op + " accepts none of the samples");
    }

    @Test
    void wordsAreDistinctAndListedInTheTablesOrder() {
        List<String> words = Op.words();
        assertEquals(Op.values().length, new HashSet<>(words).size());
        assertEquals("close", words.get(0));
        assertTrue(words.containsAll(List.of("poll", "getsockopt", "send-bulk")), words.toString());
        assertFalse(Op.words(SocketKind.TCP, Op.Actors.PEER).contains("accept"), "the peer does not accept");
        assertTrue(Op.words(SocketKind.LISTENER, Op.Actors.PEER).contains("connect"));
        assertFalse(Op.words(SocketKind.UNIX_PAIR, Op.Actors.CHILDREN).contains("accept"), "accept needs a listener");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        // op ; what follows it ; the argument held ; the timeout given ; as a step writes it
        "shutdown ; rdwr ; RDWR ; - ; shutdown RDWR",
        "shutdown ; SHUT_WR ; WR ; - ; shutdown WR",
        "shutdown ; shut_rd ; RD ; - ; shutdown RD",
        "send ; '\"hi\\nthere\"' ; 'hi\nthere' ; - ; 'send \"hi\\nthere\"'",
        "send ; two words ; two words ; - ; 'send \"two words\"'",
        "close ; - ; - ; - ; close",
        "close ; dup ; dup ; - ; close dup",
        "state ; DUP ; dup ; - ; state dup",
        "close ; SOCKET ; socket ; - ; close socket",
        "nonblock ; ON ; on ; - ; nonblock on",
        "linger ; 0 ; 0 ; - ; linger 0",
        "linger ; 5s ; 5 ; - ; linger 5s",
        "linger ; 2000ms ; 2 ; - ; linger 2s",
        "send-bulk ; 32MiB ; 33554432 ; - ; send-bulk 32MiB",
        "send-bulk ; 1000 bytes ; 1000 ; - ; send-bulk 1000 bytes",
        "send-bulk ; 64KiB ; 65536 ; - ; send-bulk 65536 bytes",
        "recv ; - ; - ; - ; recv",
        "recv ; 5s ; - ; 5000 ; recv",
        "recv ; 250ms ; - ; 250 ; recv",
        "poll ; in|out ; POLLIN|POLLOUT ; 0 ; poll IN|OUT",
        "poll ; POLLRDHUP|IN 100ms ; POLLIN|POLLRDHUP ; 100 ; poll IN|RDHUP",
        "getsockopt ; so_error ; SO_ERROR ; - ; getsockopt SO_ERROR",
        "misuse ; shutdown-pipe ; shutdown-pipe ; - ; misuse shutdown-pipe",
    })
    void eachGrammarReadsWhatFollowsAndWritesItBack(String word, String rest, String arg, Long timeout, String step) {
        Op op = Op.parse(word);
        OpGrammar.Parsed parsed = op.grammar().parse(rest);
        assertEquals(arg, parsed.arg());
        assertEquals(timeout, parsed.timeoutMs());
        assertEquals(step, op.step(parsed.arg()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = " => ", nullValues = "-", value = {
        "shutdown => sideways => takes RD, WR or RDWR; found 'sideways'",
        "shutdown => - => takes RD, WR or RDWR; found ''",
        "close => now => takes nothing, dup or socket; found 'now'",
        "state => now => takes nothing, dup; found 'now'",
        "interrupt => now => takes no argument; found 'now'",
        "send => - => needs the text to send, as in: send \"hello\"",
        "send => '\"open' => has quoted text with no closing quote",
        "linger => 5 => takes a time in seconds, 0 to 3600s; found '5'",
        "linger => 1500ms => takes a time in seconds, 0 to 3600s; found '1500ms'",
        "send-bulk => 33554432 => takes a size such as 32MiB or 1000 bytes, up to 64MiB; found '33554432'",
        "send-bulk => 65MiB => takes a size such as 32MiB or 1000 bytes, up to 64MiB; found '65MiB'",
        "recv => 2 => takes nothing or how long to wait, such as 500ms or 5s; found '2'",
        "recv => 61s => takes nothing or how long to wait, such as 500ms or 5s; found '61s'",
        "poll => - => takes events such as IN|OUT|RDHUP, then how long to wait, such as 100ms; found ''",
        "poll => IN|OTU => takes events such as IN|OUT|RDHUP, then how long to wait, such as 100ms; 'OTU' is none of IN, PRI, OUT, ERR, HUP, NVAL, RDHUP",
        "poll => IN 5 => takes events such as IN|OUT|RDHUP, then how long to wait, such as 100ms; found '5'",
        "getsockopt => SO_LINGER => takes SO_ERROR; found 'SO_LINGER'",
    })
    void aGrammarRefusesInOneLineNamingWhatItTakes(String word, String rest, String message) {
        Op op = Op.parse(word);
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> op.grammar().parse(rest)).getMessage());
    }

    @Test
    void theTableSaysWhatEachCallReturnsAndWhereItRuns() {
        assertTrue(Op.CLOSE.returnsZero() && Op.SHUTDOWN.returnsZero() && !Op.DUP.returnsZero());
        assertTrue(Op.RECV.reads() && !Op.SEND.reads());
        assertTrue(Op.RECV.waits() && Op.POLL.waits() && !Op.CLOSE.waits());
        // state waits for what was sent to be acknowledged, within its step's timeout, but cannot be sent to the background
        assertTrue(Op.STATE.takesTheTimeout() && !Op.STATE.waits() && Op.RECV.takesTheTimeout() && !Op.CLOSE.takesTheTimeout());
        assertTrue(Op.REGISTER.javaOnly(null) && Op.CLOSE.javaOnly(Command.SOCKET) && !Op.CLOSE.javaOnly(null));
        assertFalse(Op.CLOSE.hasJava(Command.DUP), "closing the dup is libc's close");
        assertFalse(Op.RECV.hasJava(Command.BLOCKING), "a plain recv(2) is libc's");
        assertTrue(Op.SEND.hasJava(null) && !Op.POLL.hasJava(null) && !Op.GETSOCKOPT.hasJava(null));
        assertEquals(Op.Actors.CHILDREN, Op.ACCEPT.actors());
        assertEquals(Op.Actors.PEER, Op.CONNECT.actors());
        assertNull(Op.parse("clsoe"));
        assertEquals("close", Spelling.nearest("clsoe", Op.words()));
    }
}
