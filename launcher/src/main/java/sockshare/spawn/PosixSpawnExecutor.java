package sockshare.spawn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;

/**
 * commons-exec's executor, with its watchdog, stream handler and process destroyer, but
 * launching through {@link PosixSpawn} so that the fds of an {@link FdPlan} reach the child.
 * commons-exec 1.5.0 launches through {@code launch(CommandLine, Map, Path)}, so that is the
 * overload replaced. The executor's thread spawns the child and then waits for it, which
 * matters: PR_SET_PDEATHSIG fires when the spawning thread ends, not only the process.
 */
public final class PosixSpawnExecutor extends DefaultExecutor {
    private final FdPlan plan;
    private final CompletableFuture<SpawnedProcess> launched = new CompletableFuture<>();

    @SuppressWarnings("deprecation") // the builder cannot build a subclass
    public PosixSpawnExecutor(FdPlan plan) {
        this.plan = plan;
        setExitValues(null); // every exit status is information, not a failure of the executor
    }

    @Override
    protected Process launch(CommandLine command, Map<String, String> env, Path dir) throws IOException {
        try {
            List<String> argv = new java.util.ArrayList<>();
            argv.add(command.getExecutable());
            argv.addAll(Arrays.asList(command.getArguments()));
            SpawnedProcess process = PosixSpawn.spawn(argv, env, plan);
            launched.complete(process);
            return process;
        } catch (IOException | RuntimeException e) {
            launched.completeExceptionally(e);
            throw e;
        }
    }

    /** @return the process once the executor's thread has started it */
    public CompletableFuture<SpawnedProcess> launched() {
        return launched;
    }
}
