package org.acme.chat.broker.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.BrokerContract;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.protocol.EventEncoder;

/** The broker contract on the single-node memory broker. */
class MemoryBrokerTest extends BrokerContract {

    @Override
    protected Broker start(Node node) {
        Broker broker = new MemoryBroker(new InMemoryHistoryStore(HISTORY, 100), new EventEncoder(new ObjectMapper()),
                Clock.systemUTC(), MAX_MEMBERS);
        broker.deliverTo(node::hear);
        return broker;
    }

    @Override
    protected boolean distributed() {
        return false;
    }
}
