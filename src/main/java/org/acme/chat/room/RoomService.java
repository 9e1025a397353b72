package org.acme.chat.room;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Change;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.MessageId;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.time.Timers;
import org.acme.chat.tracing.ChatTracing;

/**
 * The application's rooms: the {@link RoomRegistry} wired to the broker, configuration, metrics and traces (joins and
 * posts in spans when {@link ChatTracing} is on). Created at start-up, so that every meter is on {@code /q/metrics} (at
 * zero) before the first connection.
 */
@Startup
@ApplicationScoped
public class RoomService {

    private final RoomRegistry registry;
    private final Broker broker;
    private final ChatMetrics metrics;
    private final ChatTracing tracing;

    @Inject
    public RoomService(Broker broker, ChatConfig config, EventEncoder encoder, ChatMetrics metrics, Timers timers,
            ChatTracing tracing) {
        this.registry = new RoomRegistry(broker, encoder, RoomRegistry.Settings.of(config), timers, count -> {
            metrics.delivered(count);
            if (count > 0) {
                tracing.recipients(count);
            }
        }, new PresenceMeter() {
            @Override
            public void notice(MessageType type, boolean coalesced) {
                metrics.presenceNotice(type, coalesced);
            }

            @Override
            public void netted(int notices) {
                metrics.presenceNetted(notices);
            }
        });
        this.broker = broker;
        this.metrics = metrics;
        this.tracing = tracing;
        metrics.watch(registry::members, registry::activeRooms);
    }

    /** Without traces. */
    public RoomService(Broker broker, ChatConfig config, EventEncoder encoder, ChatMetrics metrics, Timers timers) {
        this(broker, config, encoder, metrics, timers, ChatTracing.OFF);
    }

    /** See {@link RoomRegistry#join}. */
    public CompletionStage<Void> join(String room, Participant participant, MessageId since) {
        if (!tracing.enabled()) {
            return registry.join(room, participant, since);
        }
        return tracing.join(participant.member().id(), room, () -> registry.join(room, participant, since));
    }

    public void leave(String room, String memberId) {
        registry.leave(room, memberId);
    }

    /** Posts a message; completes with it (and its id) once it is stored and handed to the room's members. */
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        metrics.received();
        long start = System.nanoTime();
        CompletionStage<ChatMessage> posted = tracing.enabled()
                ? tracing.post(from.id(), room, () -> registry.post(room, from, text))
                : registry.post(room, from, text);
        return posted.whenComplete((message, failure) ->
                metrics.broadcast().record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /** See {@link Broker#edit}. */
    public CompletionStage<Change> edit(String room, Member person, MessageId id, String text) {
        metrics.received();
        return broker.edit(room, person, id, text);
    }

    /** See {@link Broker#retract}. */
    public CompletionStage<Change> retract(String room, Member person, MessageId id) {
        return broker.retract(room, person, id);
    }

    /** See {@link Broker#react}. */
    public CompletionStage<Change> react(String room, Member person, MessageId id, String emoji, boolean on) {
        return broker.react(room, person, id, emoji, on);
    }

    /** See {@link Broker#read}. */
    public CompletionStage<Change> read(String room, Member person, MessageId id) {
        return broker.read(room, person, id);
    }

    /** See {@link Broker#typing}. */
    public CompletionStage<Void> typing(String room, Member person, OutboundFrame frame) {
        return broker.typing(room, person, frame);
    }

    /** See {@link Broker#history}. */
    public CompletionStage<List<ChatMessage>> history(String room, MessageId before, int limit) {
        return broker.history(room, before, limit);
    }

    /** Why a join to {@code room} as {@code name} would be refused right now, or empty. */
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        return registry.checkJoin(room, name);
    }

    public int activeRooms() {
        return registry.activeRooms();
    }

    public int connections() {
        return registry.members();
    }
}
