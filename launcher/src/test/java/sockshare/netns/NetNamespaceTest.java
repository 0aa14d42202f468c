package sockshare.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sockshare.socket.SharedConnection;
import sockshare.testing.Namespaces;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/** A private network namespace: entered by one thread, loopback up, its own settings, gone with its maker. */
@RealJvm
@RunsAlone
class NetNamespaceTest {
    private static final Path MACHINE_MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    @Test
    void aThreadOfItsOwnWorksInsideWithLoopbackUpAndItsOwnSettings() throws Exception {
        String machineSetting = Files.readString(MACHINE_MIGRATE_REQ).strip();
        long own = inode(Path.of("/proc/self/ns/net"));
        long inode;
        long holder;
        try (NetNamespace ns = NetNamespace.create("test")) {
            inode = ns.inode();
            holder = ns.holderPid();
            assertNotEquals(own, inode);
            assertEquals(inode, inode(Path.of("/proc", String.valueOf(holder), "ns", "net")));
            assertFalse(Files.exists(Path.of("/run/netns")) && hasNamedNamespace(inode), "never named in /run/netns");
            // the launcher's own threads stay where they were
            assertEquals(own, inode(Path.of("/proc/thread-self/ns/net")));
            assertEquals(inode, (long) ns.call(() -> inode(Path.of("/proc/thread-self/ns/net"))));

            // loopback is up inside: a connection on 127.0.0.1 is made there
            SharedConnection inside = ns.call(() -> SharedConnection.openTcp(InetAddress.getByName("127.0.0.1")));
            inside.closeAll();

            String other = "1".equals(machineSetting) ? "0" : "1";
            ns.sysctl("net.ipv4.tcp_migrate_req", other);
            assertEquals(other, ns.sysctl("net.ipv4.tcp_migrate_req"));
            assertEquals(machineSetting, Files.readString(MACHINE_MIGRATE_REQ).strip(), "the machine's own setting is untouched");
            ns.sysctl("net.ipv4.tcp_rmem", "4096 16384 65536");
            assertEquals("4096\t16384\t65536", ns.sysctl("net.ipv4.tcp_rmem"));
            NamespaceException global = assertThrows(NamespaceException.class, () -> ns.sysctl("kernel.pid_max", "99999"));
            assertTrue(global.getMessage().contains("only net.* settings"), global.getMessage());

            long[] entered = new long[1];
            Thread t = new Thread(() -> {
                try {
                    ns.enter();
                    entered[0] = inode(Path.of("/proc/thread-self/ns/net"));
                } catch (IOException e) {
                    entered[0] = -1;
                }
            });
            t.start();
            t.join(5_000);
            assertEquals(inode, entered[0]);
        }
        assertFalse(ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false), "holder ended");
        assertGone(inode);
    }

    @Test
    void goesWithAJvmKilledBySigkill() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "sockshare.probes.NamespaceProbe")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String[] said = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))
                    .readLine().split(" ");
            long inode = Long.parseLong(said[0]);
            long holder = Long.parseLong(said[1]);
            assertTrue(Namespaces.inUse().contains(inode));
            jvm.destroyForcibly(); // SIGKILL
            assertTrue(jvm.waitFor(5, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false), "holder ended with the JVM");
            assertGone(inode);
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static void assertGone(long inode) throws IOException, InterruptedException {
        Namespaces.assertGone(Set.of(inode), 0);
    }

    private static boolean hasNamedNamespace(long inode) throws IOException {
        try (Stream<Path> named = Files.list(Path.of("/run/netns"))) {
            return named.anyMatch(p -> {
                try {
                    return Files.getAttribute(p, "unix:ino").equals(inode);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static long inode(Path nsLink) throws IOException {
        return Namespaces.inode(nsLink);
    }
}
