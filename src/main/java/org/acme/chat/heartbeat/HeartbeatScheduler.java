package org.acme.chat.heartbeat;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.metrics.ChatMetrics;

/**
 * Runs the heartbeat every {@code chat.heartbeat.interval} on a worker thread: pings idle connections, and one
 * {@code chat.heartbeat.timeout} after sending pings reaps those that did not answer, so a dead peer is gone within
 * two intervals plus the timeout of its last frame. Each tick also samples every connection's send queue into
 * {@code chat_send_queue_bytes} (with the heartbeat off too).
 */
@ApplicationScoped
public class HeartbeatScheduler {

    private final HeartbeatMonitor monitor;
    private final ChatConfig config;
    private final ChatMetrics metrics;
    private final Vertx vertx;

    public HeartbeatScheduler(HeartbeatMonitor monitor, ChatConfig config, ChatMetrics metrics, Vertx vertx) {
        this.monitor = monitor;
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    @Produces
    @Singleton
    static HeartbeatMonitor monitor(ChatConfig config) {
        return new HeartbeatMonitor(config.heartbeat().interval(), config.heartbeat().timeout(), System::nanoTime);
    }

    @Scheduled(identity = "chat-heartbeat", every = "{chat.heartbeat.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        monitor.sampleQueues(metrics::sendQueue);
        if (config.heartbeat().enabled()) {
            sweep(true);
        }
    }

    private synchronized void sweep(boolean pingIdle) {
        HeartbeatMonitor.Sweep sweep = monitor.sweep(pingIdle);
        metrics.heartbeat(sweep.pinged(), sweep.reaped());
        if (sweep.pinged() > 0) {
            // Check the answers exactly one timeout later instead of waiting for the next tick.
            vertx.setTimer(config.heartbeat().timeout().toMillis(),
                    id -> vertx.executeBlocking(() -> {
                        sweep(false);
                        return null;
                    }, false));
        }
    }
}
