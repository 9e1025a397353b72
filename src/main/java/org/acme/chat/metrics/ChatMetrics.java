package org.acme.chat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.Refusal;

/**
 * The service's own meters. Tags never carry a room or user name, only bounded codes: every refusal kind's counter
 * exists (at zero) from start-up. Timers publish histogram buckets ({@link Histograms}), so their quantiles aggregate
 * across pods; docs/observability.md lists every meter.
 */
@ApplicationScoped
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter delivered;
    private final Timer broadcast;
    private final Counter pings;
    private final Counter reaped;
    private final Timer brokerPublish;
    private final Counter brokerErrors;
    private final Counter remoteMessages;
    private final Map<Refusal.Kind, Counter> errors = new EnumMap<>(Refusal.Kind.class);
    private final Map<Refusal.Kind, Counter> rejectedUpgrades = new EnumMap<>(Refusal.Kind.class);
    private final PresenceCounters presence;
    private final DistributionSummary sendQueue;

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("chat.messages.received")
                .description("Chat messages accepted from clients").register(registry);
        this.delivered = Counter.builder("chat.messages.delivered")
                .description("Chat messages handed to member connections (one per recipient)").register(registry);
        this.broadcast = Timer.builder("chat.broadcast.duration")
                .description("Time to store a message and hand it to every local member of its room")
                .register(registry);
        this.pings = Counter.builder("chat.heartbeat.pings")
                .description("Heartbeat pings sent to idle connections").register(registry);
        this.reaped = Counter.builder("chat.connections.reaped")
                .description("Connections closed because they left a heartbeat ping unanswered").register(registry);
        this.brokerPublish = Timer.builder("chat.broker.publish.duration")
                .description("Time to store and publish a message through the broker (a Redis round trip)")
                .register(registry);
        this.brokerErrors = Counter.builder("chat.broker.errors")
                .description("Broker commands that failed (Redis unreachable or refusing)").register(registry);
        this.remoteMessages = Counter.builder("chat.broker.messages.remote")
                .description("Chat messages received from other nodes through the broker").register(registry);
        for (Refusal.Kind kind : Refusal.Kind.values()) {
            errors.put(kind, Counter.builder("chat.errors")
                    .description("Refused client frames, upgrades and joins, and error closes, by code")
                    .tag("code", kind.code()).register(registry));
            if (kind.httpStatus() != Refusal.NO_STATUS) {
                rejectedUpgrades.put(kind, rejectedUpgrade(kind));
            }
        }
        this.presence = new PresenceCounters(registry);
        this.sendQueue = DistributionSummary.builder("chat.send.queue.bytes").baseUnit("bytes")
                .description("Bytes queued for a connection and not yet written, sampled for every open connection"
                        + " on each heartbeat tick")
                .serviceLevelObjectives(Histograms.QUEUE_BYTES_BUCKETS)
                .register(registry);
    }

    private Counter rejectedUpgrade(Refusal.Kind kind) {
        return Counter.builder("chat.upgrades.rejected")
                .description("Connection attempts refused, before the upgrade or at admission and join, by code")
                .tag("code", kind.code()).register(registry);
    }

    /** Registers the gauges that read the room layer's live state: members (connections in a room) and rooms. */
    public void watch(IntSupplier members, IntSupplier rooms) {
        // Held strongly: Micrometer keeps a gauge's state object weakly, and these suppliers have no other owner.
        Gauge.builder("chat.connections.active", members, IntSupplier::getAsInt).strongReference(true)
                .description("Open chat connections that joined a room").register(registry);
        Gauge.builder("chat.rooms.active", rooms, IntSupplier::getAsInt).strongReference(true)
                .description("Rooms with at least one member on this node").register(registry);
    }

    /** Registers the gauge of the bytes of history the memory broker keeps ({@code chat.history.max-bytes}). */
    public void watchHistory(LongSupplier bytes) {
        Gauge.builder("chat.history.bytes", bytes, LongSupplier::getAsLong).strongReference(true).baseUnit("bytes")
                .description("History kept in this node's memory, as counted against chat.history.max-bytes")
                .register(registry);
    }

    /** Registers the gauge of whether the broker reaches what it depends on (Redis): 1 or 0, as readiness says. */
    public void watchBroker(BooleanSupplier available) {
        Gauge.builder("chat.broker.available", available, a -> a.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 while the broker reaches Redis (always 1 with chat.broker=memory), 0 while it does not;"
                        + " readiness is DOWN meanwhile").register(registry);
    }

    public void received() {
        received.increment();
    }

    /** Chat messages accepted so far (members' and the server API's), for the stats' messages per second. */
    public double receivedTotal() {
        return received.count();
    }

    public void delivered(int recipients) {
        delivered.increment(recipients);
    }

    /** Counts one heartbeat sweep's pings and reaps. */
    public void heartbeat(int pinged, int reapedConnections) {
        pings.increment(pinged);
        reaped.increment(reapedConnections);
    }

    public Timer broadcast() {
        return broadcast;
    }

    public Timer brokerPublish() {
        return brokerPublish;
    }

    public void brokerError() {
        brokerErrors.increment();
    }

    public void remoteMessage() {
        remoteMessages.increment();
    }

    /** Counts a refusal under its code. */
    public void error(Refusal refusal) {
        errors.get(refusal.kind()).increment();
    }

    /** Counts a refused connection attempt under its code (besides {@link #error}, which counts every refusal). */
    public void rejectedUpgrade(Refusal refusal) {
        Counter counter = rejectedUpgrades.get(refusal.kind());
        // A kind with no HTTP status (a token that expired during the join, say): registered on first use.
        (counter != null ? counter : rejectedUpgrade(refusal.kind())).increment();
    }

    /** Counts a join or leave notice a room here sent at once, or held for a coalesced batch. */
    public void presenceNotice(MessageType type, boolean coalesced) {
        presence.notice(type, coalesced);
    }

    /** Counts held notices that netted away in a batch (a join and its leave). */
    public void presenceNetted(int count) {
        presence.netted(count);
    }

    /** Records one connection's queued bytes (a heartbeat tick's sample). */
    public void sendQueue(long bytes) {
        sendQueue.record(bytes);
    }
}
