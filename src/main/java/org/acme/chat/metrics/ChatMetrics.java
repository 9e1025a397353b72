package org.acme.chat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.chat.protocol.ErrorCode;
import org.acme.chat.room.JoinPolicy;
import org.acme.chat.room.RoomRegistry;

/** The service's own meters. Tags never carry a room or user name, only bounded codes. */
@ApplicationScoped
public class ChatMetrics {

    /** {@code chat_errors_total{code}} values beyond the {@link ErrorCode}s: the ones that close the connection. */
    public static final String BINARY_FRAME = "binary_frame";
    public static final String MESSAGE_TOO_BIG = "message_too_big";
    public static final String NAME_TAKEN = "name_taken";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String SERVER_FULL = "server_full";
    public static final String RATE_LIMIT_CLOSE = "rate_limit_close";
    public static final String SLOW_CONSUMER = "slow_consumer";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String ROOM_FULL = "room_full";
    public static final String FORBIDDEN_ORIGIN = "forbidden_origin";
    public static final String TOO_MANY_PER_IP = "too_many_per_ip";
    public static final String PROTOCOL_ERROR = "protocol_error";

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter delivered;
    private final Timer broadcast;
    private final Counter pings;
    private final Counter reaped;
    private final Timer brokerPublish;
    private final Counter brokerErrors;
    private final Counter remoteMessages;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

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
        for (ErrorCode code : ErrorCode.values()) {
            errorCounter(code.wireName());
        }
        for (String code : new String[] { BINARY_FRAME, MESSAGE_TOO_BIG, NAME_TAKEN, INTERNAL_ERROR, SERVER_FULL,
                RATE_LIMIT_CLOSE, SLOW_CONSUMER, INVALID_UTF8, ROOM_FULL, FORBIDDEN_ORIGIN, TOO_MANY_PER_IP, PROTOCOL_ERROR,
                JoinPolicy.UNAUTHORIZED, JoinPolicy.FORBIDDEN_ROOM, JoinPolicy.INVALID_JOIN,
                JoinPolicy.TOO_MANY_ROOMS, JoinPolicy.BROKER_UNAVAILABLE }) {
            errorCounter(code);
        }
    }

    /** Registers the gauges that read the room registry's live state. */
    public void watch(RoomRegistry rooms) {
        Gauge.builder("chat.connections.active", rooms, RoomRegistry::members)
                .description("Open chat connections that joined a room").register(registry);
        Gauge.builder("chat.rooms.active", rooms, RoomRegistry::activeRooms)
                .description("Rooms with at least one member on this node").register(registry);
    }

    public void received() {
        received.increment();
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

    public void error(ErrorCode code) {
        error(code.wireName());
    }

    public void error(String code) {
        errorCounter(code).increment();
    }

    private Counter errorCounter(String code) {
        return errors.computeIfAbsent(code, c -> Counter.builder("chat.errors")
                .description("Refused client frames and error closes, by code").tag("code", c).register(registry));
    }
}
