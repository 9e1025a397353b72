package org.acme.chat.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.chat.config.ChatConfig;

/**
 * Counts open WebSocket connections per node and per client IP against {@code chat.limits.*}. The IP is the TCP peer:
 * behind a proxy or ingress that is the proxy, so there the per-IP cap must be raised or switched off (0). An IPv6 peer
 * is counted by its /64 and an IPv4-mapped one as IPv4 ({@link ClientKey}). The pre-upgrade guard
 * asks {@link #check} to answer with an HTTP status; the endpoints {@link #tryAcquire} on open (authoritative, since
 * upgrades race) and {@link #release} on close.
 */
@ApplicationScoped
public class ConnectionLimits {

    /** Why a connection is refused. */
    public enum Verdict {
        OK,
        NODE_FULL,
        IP_FULL
    }

    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perIp = new ConcurrentHashMap<>();
    private final int maxConnections;
    private final int maxPerIp;

    public ConnectionLimits(ChatConfig config) {
        this.maxConnections = config.limits().maxConnections();
        this.maxPerIp = config.limits().maxConnectionsPerIp();
    }

    /** Whether one more connection from {@code ip} would fit now. */
    public Verdict check(String ip) {
        if (open.get() >= maxConnections) {
            return Verdict.NODE_FULL;
        }
        return maxPerIp > 0 && perIp.getOrDefault(ClientKey.of(ip), 0) >= maxPerIp ? Verdict.IP_FULL : Verdict.OK;
    }

    /** Takes a slot for a connection from {@code ip}, or says why not. */
    public Verdict tryAcquire(String ip) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return Verdict.NODE_FULL;
        }
        boolean[] admitted = new boolean[1];
        perIp.compute(ClientKey.of(ip), (key, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = maxPerIp <= 0 || current < maxPerIp;
            return admitted[0] ? current + 1 : count;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Verdict.IP_FULL;
        }
        return Verdict.OK;
    }

    /** Frees the slot taken by {@link #tryAcquire} for a connection from {@code ip}. */
    public void release(String ip) {
        open.decrementAndGet();
        perIp.computeIfPresent(ClientKey.of(ip), (key, count) -> count > 1 ? count - 1 : null);
    }

    public int open() {
        return open.get();
    }
}
