package org.acme.chat.support;

import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.broker.memory.MemoryBroker;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.room.JoinRefusedException;

/**
 * The memory broker with joins answered {@link #DELAY_MS} late, as a remote broker might: the window in which a client
 * can send frames before its welcome, made wide enough for a test to hit every time. Enabled by a test profile only.
 */
@Alternative
@Priority(1)
@Singleton
public class SlowJoinBroker implements Broker {

    public static final long DELAY_MS = 300;

    private final MemoryBroker delegate;
    private final Vertx vertx;

    public SlowJoinBroker(ChatConfig config, EventEncoder encoder, Vertx vertx) {
        this.delegate = new MemoryBroker(new InMemoryHistoryStore(config.history().size(), 100), encoder,
                Clock.systemUTC(), config.limits().maxMembersPerRoom());
        this.vertx = vertx;
    }

    @Override
    public void deliverTo(Consumer<RoomEvent> listener) {
        delegate.deliverTo(listener);
    }

    @Override
    public CompletionStage<Joined> join(String room, Member member, MessageId since) {
        CompletableFuture<Joined> answer = new CompletableFuture<>();
        vertx.setTimer(DELAY_MS, id -> delegate.join(room, member, since).whenComplete((joined, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(joined);
            }
        }));
        return answer;
    }

    @Override
    public CompletionStage<Void> leave(String room, Member member) {
        return delegate.leave(room, member);
    }

    @Override
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        return delegate.post(room, from, text);
    }

    @Override
    public CompletionStage<Optional<JoinRefusedException>> checkJoin(String room, String name) {
        return delegate.checkJoin(room, name);
    }
}
