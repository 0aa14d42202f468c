#!/usr/bin/env python3
"""Child memory and start-up, one flag set against another (native-notes/perf.md, "Child memory").

Spawns sockshare children the way the launcher does (the stdin handoff: socket as fd 0; the control
socketpair's fd, main class and environment from sockshare.actor.ChildContract; ChildJvmFlags' base
flags), one at a time, the variants interleaved so that the machine's load falls on all alike. Each child says hello, then does state, send,
recv, leaves a recv blocked, and is shut down. Per variant, the median over the runs of: ms from
spawn to hello, CPU ms of all its threads at hello, peak VmRSS (VmHWM), RssAnon and Pss (with
the recv blocked).

    scripts/child-memory.py VARIANTS.json RUNS
    VARIANTS.json: {"name": {"flags": [JVM options after the base ones], "cp": "class path",
                             "env": {optional extra environment}}, ...}

Take the flags and paths of a real child from `tr '\\0' ' ' < /proc/PID/cmdline` of a running one.
Keep BASE below in step with launcher/src/main/java/sockshare/spawn/ChildJvmFlags.java."""
import functools, json, os, shutil, socket, subprocess, sys, time, statistics as st

JAVA = os.environ.get("JAVA") or shutil.which("java")  # the java children run on
BASE = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=5", "-XX:+UseG1GC",
        "-XX:ParallelGCThreads=1", "-XX:ConcGCThreads=1", "-XX:-UsePerfData",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-Dsun.reflect.inflationThreshold=2147483647",
        "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider",
        "-Xss256k", "-Xmx32m", "-XX:-UseContainerSupport"]
# a class path other than the child's jar needs on the command line what that jar's manifest says
OPENS = ["--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"]

def program(cp, main):
    """The child's jar runs as the launcher runs it, java -jar with the program as argument; a class path as before."""
    return ["-jar", cp, main] if cp.endswith("child.jar") else OPENS + ["-cp", cp, main]

def status(pid, key, path="status"):
    for line in open(f"/proc/{pid}/{path}"):
        if line.startswith(key):
            return int(line.split()[1])
    return 0

def cpu_ms(pid):
    t = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            t += int(open(f"/proc/{pid}/task/{task}/schedstat").read().split()[0])
        except OSError:
            pass
    return t / 1e6

def cmd(seq, op, api="libc", arg=None, timeout=0):
    """A command as the control channel carries it: one JSON object a line (sockshare.actor.Codec)."""
    c = {"type": "command", "seq": seq, "op": op, "api": api, "timeout_ms": timeout}
    if arg is not None:
        c["arg"] = arg
    return (json.dumps(c) + "\n").encode()

@functools.lru_cache(maxsize=None)
def contract(cp):
    """The launcher<->child contract for actor A on the stdin handoff, as the child's own classes state it."""
    out = subprocess.run([JAVA, "-cp", cp, "sockshare.actor.ChildContract", "stdin", "A", str(os.getpid())],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)

def one(flags, cp, base=BASE, extra_env={}):
    lst = socket.socket(); lst.bind(("127.0.0.1", 0)); lst.listen(1)
    peer = socket.create_connection(lst.getsockname()); held, _ = lst.accept(); lst.close()
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM); ours.settimeout(60)
    c = contract(cp)
    assert c["socket_fd"] == 0, "the socket goes to the child as its stdin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(tuple(c["env_prefixes"]))}
    env.update(c["env"]); env.update(extra_env)
    tfd, cfd = theirs.fileno(), c["control_fd"]
    def child_fds():
        os.dup2(tfd, cfd)
    t0 = time.monotonic()
    p = subprocess.Popen([JAVA] + base + flags + program(cp, c["main"]), stdin=held.fileno(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=child_fds,
                         pass_fds=(tfd, cfd))
    held.close(); theirs.close()
    f = ours.makefile("rb")
    hello = f.readline()
    t_hello = (time.monotonic() - t0) * 1000
    if json.loads(hello or b"{}").get("type") != "hello":
        p.kill(); raise SystemExit("no hello: %r %r" % (hello, p.stderr.read()))
    cpu = cpu_ms(p.pid)
    def ask(c):
        ours.sendall(c)
    seen = set()
    def answer(seq):
        while seq not in seen:
            line = f.readline()
            if not line: raise SystemExit("child gone")
            fields = json.loads(line)
            if fields.get("kind") == "op": seen.add(fields["seq"])
    ask(cmd(1, "state")); answer(1)
    ask(cmd(2, "send", arg="x")); answer(2); peer.recv(10)
    peer.sendall(b"y"); ask(cmd(3, "recv", timeout=5000)); answer(3)
    ask(cmd(4, "recv", timeout=30000))          # left blocked, as every holder in the bench
    time.sleep(0.3)
    rss_anon = status(p.pid, "RssAnon:"); pss = status(p.pid, "Pss:", "smaps_rollup")
    ask(cmd(5, "shutdown", arg="RDWR")); answer(5); answer(4)
    hwm = status(p.pid, "VmHWM:")
    ask(b'{"type": "exit"}\n'); p.wait(10)
    peer.close(); ours.close()
    return dict(hello=t_hello, cpu=cpu, hwm=hwm / 1024, anon=rss_anon / 1024, pss=pss / 1024)

if __name__ == "__main__":
    variants = json.load(open(sys.argv[1]))   # {name: {"flags": [...], "cp": "..."}}
    n = int(sys.argv[2])
    res = {k: [] for k in variants}
    for i in range(n):
        for k, v in variants.items():
            res[k].append(one(v["flags"], v["cp"], v.get("base", BASE), v.get("env", {})))
    print("%-28s %9s %9s %9s %9s %9s" % ("variant", "hello ms", "cpu ms", "VmHWM", "RssAnon", "Pss"))
    for k, r in res.items():
        print("%-28s %9.0f %9.0f %9.1f %9.1f %9.1f" % (k, *(st.median(x[m] for x in r) for m in ("hello", "cpu", "hwm", "anon", "pss"))))
