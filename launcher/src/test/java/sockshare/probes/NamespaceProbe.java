package sockshare.probes;

import sockshare.netns.NetNamespace;

/** Makes a network namespace, says its inode and holder, then waits to be killed. */
public final class NamespaceProbe {
    private NamespaceProbe() {
    }

    public static void main(String[] args) throws Exception {
        NetNamespace ns = NetNamespace.create("probe");
        System.out.println(ns.inode() + " " + ns.holderPid());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
