package sockshare.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import sockshare.observe.HolderObserver;
import sockshare.procfs.ProcFds;
import sockshare.socket.SharedConnection;

/**
 * What one look at a socket's holders costs, as the launcher takes it after every step: the
 * whole of /proc scanned for fds on a fresh connection's holders' end.
 */
final class HolderScan {
    private HolderScan() {
    }

    /** @return per scan, the time {@link HolderObserver#linksTo} took */
    static Sample time(int scans, InetAddress address) throws IOException {
        SharedConnection c = SharedConnection.openTcp(address);
        try {
            String socket = ProcFds.target(c.holders().number());
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < scans; i++) {
                long t0 = System.nanoTime();
                List<ProcFds.Link> links = HolderObserver.linksTo(socket);
                times.add(System.nanoTime() - t0);
                if (links.isEmpty()) {
                    throw new IOException("the holder scan did not find the launcher's own fd on " + socket);
                }
            }
            return new Sample(times);
        } finally {
            c.closeAll();
        }
    }

    /** @return how many processes /proc lists now */
    static int processes() {
        String[] names = new File("/proc").list();
        int n = 0;
        for (String name : names == null ? new String[0] : names) {
            if (ProcFds.isPid(name)) {
                n++;
            }
        }
        return n;
    }
}
