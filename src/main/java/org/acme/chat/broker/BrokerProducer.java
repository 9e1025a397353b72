package org.acme.chat.broker;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.acme.chat.broker.memory.MemoryBroker;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.protocol.EventEncoder;

/** The application's {@link Broker}: one node, presence and history in memory. */
public class BrokerProducer {

    @Produces
    @Singleton
    Broker broker(ChatConfig config, EventEncoder encoder) {
        var history = new InMemoryHistoryStore(config.history().size(), config.history().maxRooms());
        return new MemoryBroker(history, encoder, Clock.systemUTC(), config.limits().maxMembersPerRoom());
    }
}
