package org.acme.chat.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.memory.MemoryBroker;
import org.acme.chat.broker.redis.RedisBroker;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.tracing.ChatTracing;

/**
 * The application's {@link Broker}, as {@code chat.broker} says: {@code memory} (one node) or {@code redis} (the Redis
 * client of {@code quarkus.redis.*}, looked up only then, so that a single node needs no Redis at all). It lives here,
 * not in {@code broker}, so that the broker package does not depend on its own implementations.
 */
public class BrokerProducer {

    @Produces
    @Singleton
    Broker broker(ChatConfig config, EventEncoder encoder, ObjectMapper mapper, Vertx vertx, ChatMetrics metrics,
            Instance<Redis> redis, ChatTracing tracing) {
        Broker broker;
        if (config.broker() == ChatConfig.BrokerKind.REDIS) {
            broker = new RedisBroker(redis.get(), vertx, mapper, encoder, Clock.systemUTC(), metrics,
                    config.history().size(), config.history().retained(), config.limits().maxMembersPerRoom(),
                    config.presence().ttl().toMillis(),
                    config.history().retention().toMillis(), tracing)
                    .start();
        } else {
            var history = new InMemoryHistoryStore(config.history().size(), config.history().retained(),
                    config.history().maxRooms(), historyBytes(config.history().maxBytes()));
            metrics.watchHistory(history::bytes);
            broker = new MemoryBroker(history, encoder, Clock.systemUTC(), config.limits().maxMembersPerRoom(),
                    tracing);
        }
        metrics.watchBroker(broker::available);
        return broker;
    }

    /** {@code chat.history.max-bytes}, or a quarter of the heap the JVM may grow to. */
    static long historyBytes(Optional<MemorySize> maxBytes) {
        return maxBytes.map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 4);
    }

    void close(@Disposes Broker broker) {
        if (broker instanceof RedisBroker redis) {
            redis.close();
        }
    }
}
