package org.acme.chat.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes Service does for the soak's clients: it hands out the ports of the nodes that are ready,
 * round-robin. A node leaves before it is sent SIGTERM (its endpoint is removed as the pod starts terminating) and
 * joins once its readiness is UP.
 */
final class Router {

    private final List<Integer> ports = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    void add(int port) {
        ports.add(port);
    }

    void remove(int port) {
        ports.remove(Integer.valueOf(port));
    }

    /** A ready node's port, or -1 when none is. */
    int pick() {
        List<Integer> now = List.copyOf(ports);
        return now.isEmpty() ? -1 : now.get(Math.floorMod(next.getAndIncrement(), now.size()));
    }
}
