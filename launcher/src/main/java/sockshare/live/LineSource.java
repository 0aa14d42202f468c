package sockshare.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Where the console's commands come from: a terminal, with line editing and history, or a pipe, for scripts. */
public interface LineSource extends AutoCloseable {
    /** @return the next line, or null at end of input (Ctrl-D, Ctrl-C, or the pipe's end) */
    String next() throws IOException;

    /** Shows {@code text} (whole lines) while a command may be half typed, without mangling it. */
    void printAbove(String text);

    @Override
    void close() throws IOException;

    /** @return JLine on a terminal; plain lines from stdin otherwise, echoed so a transcript shows them */
    static LineSource forStdin(java.io.PrintWriter echo) throws IOException {
        if (System.console() != null) {
            Terminal terminal = TerminalBuilder.builder().system(true).build();
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("sockshare").build();
            return new LineSource() {
                @Override
                public String next() {
                    try {
                        return reader.readLine("sockshare> ");
                    } catch (UserInterruptException | EndOfFileException e) {
                        return null;
                    }
                }

                @Override
                public void printAbove(String text) {
                    reader.printAbove(text.stripTrailing());
                }

                @Override
                public void close() throws IOException {
                    terminal.close();
                }
            };
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new LineSource() {
            @Override
            public String next() throws IOException {
                String line = in.readLine();
                if (line != null) {
                    echo.println("sockshare> " + line);
                }
                return line;
            }

            @Override
            public void printAbove(String text) {
                echo.print(text);
                echo.flush();
            }

            @Override
            public void close() {
                // stdin belongs to the process; it closes with it
            }
        };
    }
}
