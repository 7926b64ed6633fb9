package dev.baton.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free ports on 127.0.0.1 from a range agreed for a group of tests, each handed out once per JVM. */
public final class PortRange {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private PortRange() {}

    /** A port in {@code [from, to]} that nothing listens on now and this JVM has not handed out before. */
    public static int free(int from, int to) {
        for (int port = from; port <= to; port++) {
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException busy) {
                // taken: try the next one
            }
        }
        throw new IllegalStateException("no free port in " + from + ".." + to);
    }
}
