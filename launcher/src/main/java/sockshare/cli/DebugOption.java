package sockshare.cli;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, which every command takes. Main reads it from the raw arguments, so that a
 * failure while parsing them can show its stack trace too; declaring it here only lets each
 * command accept it and list it in its help.
 */
final class DebugOption {
    @Option(names = "--debug", description = "show stack traces")
    boolean debug;
}
