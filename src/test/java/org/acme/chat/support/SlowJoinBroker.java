package org.acme.chat.support;

import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.memory.MemoryBroker;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;

/**
 * The memory broker with joins answered {@link #DELAY_MS} late, as a remote broker might: the window in which a client
 * can send frames before its welcome, made wide enough for a test to hit every time. Enabled by a test profile only
 * ({@code getEnabledAlternatives}): with a {@code @Priority} it would replace the broker in every {@code @QuarkusTest}.
 */
@Alternative
@Singleton
public class SlowJoinBroker extends DelegatingBroker {

    public static final long DELAY_MS = 300;

    private final Vertx vertx;

    public SlowJoinBroker(ChatConfig config, EventEncoder encoder, Vertx vertx) {
        super(new MemoryBroker(new InMemoryHistoryStore(config.history().size(), 100), encoder, Clock.systemUTC(),
                config.limits().maxMembersPerRoom()));
        this.vertx = vertx;
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
}
