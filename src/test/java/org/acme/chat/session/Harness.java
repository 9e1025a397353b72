package org.acme.chat.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.memory.MemoryBroker;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.heartbeat.HeartbeatMonitor;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.limits.ConnectionLimits;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.FrameDecoder;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.room.RoomService;
import org.acme.chat.support.ManualTimers;
import org.acme.chat.support.TestConfig;
import org.acme.chat.support.TestTransport;

/**
 * The session layer wired as the application wires it (admission, connection limits, heartbeat, rooms on the memory
 * broker, metrics), on a hand-driven clock and test transports: no Quarkus, no sockets, no waiting. Settings are
 * {@code chat.*} properties over the defaults of {@link ChatConfig} ({@link TestConfig}).
 */
final class Harness {

    final ManualTimers timers = new ManualTimers();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ChatMetrics metrics = new ChatMetrics(meters);
    final Draining draining = new Draining();
    final ChatConfig config;
    final HeartbeatMonitor heartbeat;
    final Admission admission;
    final Broker broker;
    final RoomService rooms;
    final ChatSessions chats;
    private int connections;

    private Harness(Map<String, String> settings, UnaryOperator<Broker> brokerDouble, JWTParser tokens) {
        this.config = TestConfig.chat(settings);
        this.heartbeat = new HeartbeatMonitor(config.heartbeat().interval(), config.heartbeat().timeout(),
                timers::nanoTime);
        this.admission = new Admission(draining, new ConnectionLimits(config), heartbeat, config, metrics, timers);
        EventEncoder encoder = new EventEncoder(new ObjectMapper());
        this.broker = brokerDouble.apply(new MemoryBroker(new InMemoryHistoryStore(config.history().size(),
                config.history().maxRooms()), encoder, Clock.systemUTC(), config.limits().maxMembersPerRoom()));
        this.rooms = new RoomService(broker, config, encoder, metrics, timers);
        FrameDecoder decoder = new FrameDecoder(config.message().maxLength(), config.message().maxRefLength());
        this.chats = new ChatSessions(admission, rooms, decoder, new org.acme.chat.protocol.v2.FrameDecoder(decoder),
                encoder, new TokenAuth(config, tokens), config);
    }

    static Harness create() {
        return new Harness(Map.of(), broker -> broker, null);
    }

    static Harness with(Map<String, String> settings) {
        return new Harness(settings, broker -> broker, null);
    }

    /** Rooms on a broker double wrapped around the memory broker. */
    static Harness withBroker(UnaryOperator<Broker> brokerDouble) {
        return new Harness(Map.of(), brokerDouble, null);
    }

    /** With {@code chat.auth.enabled}, verifying tokens with {@code tokens}. */
    static Harness withAuth(JWTParser tokens) {
        return new Harness(Map.of("chat.auth.enabled", "true"), broker -> broker, tokens);
    }

    /** A new connection from {@code ip} that joins {@code room} as {@code name}; the join has completed. */
    Client join(String room, String name) {
        return join(room, name, "10.0.0.1", header -> null);
    }

    Client join(String room, String name, String ip, UnaryOperator<String> headers) {
        Client client = connectChat(ip);
        client.opened = ((ChatSession) client.session).open(room, name, null, headers);
        client.opened.toCompletableFuture().join();
        return client;
    }

    /** A chat connection from {@code ip} that has not been opened yet. */
    Client connectChat(String ip) {
        TestTransport transport = new TestTransport("c" + ++connections, ip);
        return new Client(chats.create(transport), transport);
    }

    /** A new v2 connection of {@code name} with {@code clientKey}, opened (its {@code hello} sent). */
    Client person(String name, String clientKey) {
        TestTransport transport = new TestTransport("v" + ++connections, "10.0.0.3");
        PersonSession session = chats.createPerson(transport);
        Client client = new Client(session, transport);
        client.opened = session.open(name, clientKey, header -> null);
        return client;
    }

    /** A new {@code /echo} connection, opened. */
    Client echo() {
        return echo(header -> null);
    }

    /** A new {@code /echo} connection with these handshake headers, opened. */
    Client echo(UnaryOperator<String> headers) {
        TestTransport transport = new TestTransport("e" + ++connections, "10.0.0.2");
        EchoSession session = new EchoSession(transport, admission, chats.auth);
        session.open(headers);
        return new Client(session, transport);
    }

    /** {@code chat_errors_total} for {@code kind}. */
    double errors(Refusal.Kind kind) {
        return meters.get("chat.errors").tag("code", kind.code()).counter().count();
    }

    /** {@code chat_upgrades_rejected_total} for {@code kind}; 0 where it has no series. */
    double rejectedUpgrades(Refusal.Kind kind) {
        var counter = meters.find("chat.upgrades.rejected").tag("code", kind.code()).counter();
        return counter == null ? 0 : counter.count();
    }

    /** {@code chat_presence_notices_total} of {@code type} ({@code join}, {@code leave}) and {@code delivery}. */
    double presenceNotices(String type, String delivery) {
        return meters.get("chat.presence.notices").tag("type", type).tag("delivery", delivery).counter().count();
    }

    /** {@code chat_presence_notices_netted_total}. */
    double nettedNotices() {
        return meters.get("chat.presence.notices.netted").counter().count();
    }

    /** A session and its transport, as a test drives them. */
    static final class Client {
        final Session session;
        final TestTransport transport;
        CompletionStage<Void> opened;

        Client(Session session, TestTransport transport) {
            this.session = session;
            this.transport = transport;
        }

        /** Sends a chat message, as the client would, with the given ref (or none). */
        void say(String text) {
            session.onText("{\"type\":\"message\",\"text\":\"" + text + "\"}");
        }

        /** The member's name as the session knows it. */
        String name() {
            return ((ChatSession) session).member().name();
        }
    }
}
