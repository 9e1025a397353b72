package org.acme.chat.api;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.room.RoomAdmin;

/**
 * This node's messages per second (members' and the server API's, as {@code chat.messages.received} counts them) over
 * the last {@code chat.api.stats-interval}, and its report to the cluster every interval, so that every node's
 * {@code GET /api/v1/stats} sees the others.
 */
@ApplicationScoped
public class MessageRate {

    private final ChatMetrics metrics;
    private final RoomAdmin admin;
    private final Duration staleAfter;
    private long sampledAt = System.nanoTime();
    private double sampledCount;
    private volatile double perSecond;

    public MessageRate(ChatMetrics metrics, RoomAdmin admin, ChatConfig config) {
        this.metrics = metrics;
        this.admin = admin;
        this.staleAfter = config.api().statsInterval().multipliedBy(3);
    }

    double perSecond() {
        return perSecond;
    }

    Duration staleAfter() {
        return staleAfter;
    }

    @Scheduled(every = "${chat.api.stats-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sample() {
        long now = System.nanoTime();
        double count = metrics.receivedTotal();
        double seconds = (now - sampledAt) / 1e9;
        if (seconds > 0) {
            perSecond = Math.round((count - sampledCount) / seconds * 100) / 100.0;
        }
        sampledAt = now;
        sampledCount = count;
        admin.census(perSecond, staleAfter); // the report; the answer is for the stats route
    }
}
