package sockshare.spawn;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.FdInputStream;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;

/**
 * A child started with posix_spawn, seen through {@link Process} so that commons-exec's
 * watchdog, stream pumps and destroyer work on it. One reaper thread per child blocks in
 * waitpid(2); everything else reads the status it leaves, so the pid is reaped exactly once.
 */
public final class SpawnedProcess extends Process {
    private final int pid;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    SpawnedProcess(int pid, Fd stdout, Fd stderr) {
        this.pid = pid;
        this.stdout = new FdInputStream(stdout);
        this.stderr = new FdInputStream(stderr);
        Thread reaper = new Thread(this::reap, "reaper-" + pid);
        reaper.setDaemon(true);
        reaper.start();
    }

    private void reap() {
        while (true) {
            try {
                exit.complete(ExitStatus.decode(Syscalls.waitpid(pid, false)));
                return;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    exit.complete(new ExitStatus(-1, 0));
                    return;
                }
            }
        }
    }

    public CompletableFuture<ExitStatus> onExitStatus() {
        return exit;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream(); // a child's stdin is the socket or /dev/null
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get().code();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int exitValue() {
        ExitStatus status = exit.getNow(null);
        if (status == null) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return status.code();
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** Kills the child outright: an experiment child has nothing to save. */
    @Override
    public void destroy() {
        if (isAlive()) {
            try {
                Syscalls.kill(pid, LibCConstants.SIGKILL);
            } catch (ErrnoException ignored) {
                // ESRCH: it ended between the check and the kill
            }
        }
    }

    @Override
    public Process destroyForcibly() {
        destroy();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return false;
    }
}
