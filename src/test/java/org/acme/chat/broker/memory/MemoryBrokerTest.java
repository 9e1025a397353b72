package org.acme.chat.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.BrokerContract;
import org.acme.chat.broker.Joined;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.junit.jupiter.api.Test;

/** The broker contract on the single-node memory broker. */
class MemoryBrokerTest extends BrokerContract {

    @Override
    protected Broker start(Node node) {
        Broker broker = new MemoryBroker(new InMemoryHistoryStore(HISTORY, RETAINED, 100, Long.MAX_VALUE),
                new EventEncoder(new ObjectMapper()),
                Clock.systemUTC(), MAX_MEMBERS);
        broker.deliverTo(node::hear);
        return broker;
    }

    @Override
    protected boolean distributed() {
        return false;
    }

    @Test
    void whenHistoryMustGoARoomWithMembersKeepsItsOwnWhileEmptyRoomsLoseTheirs() {
        EventEncoder encoder = new EventEncoder(new ObjectMapper());
        Member alice = new Member("a1", "alice");
        // Room for two rooms of three short messages (~330 bytes each, as the store counts them), not three.
        Broker broker = new MemoryBroker(new InMemoryHistoryStore(3, 100, 2_400), encoder, Clock.systemUTC(), 10);
        result(broker.join("lobby", alice, null));
        for (int i = 0; i < 3; i++) {
            result(broker.post("lobby", alice, "hello"));
        }
        for (int r = 0; r < 5; r++) { // strangers fill rooms and leave; lobby is the least recently used
            Member stranger = new Member("s" + r, "stranger");
            result(broker.join("spam" + r, stranger, null));
            for (int i = 0; i < 3; i++) {
                result(broker.post("spam" + r, stranger, "hello"));
            }
            result(broker.leave("spam" + r, stranger));
        }

        Joined joined = result(broker.join("lobby", new Member("b1", "bob"), null));
        assertEquals(3, joined.history().size(), "the room with a member kept its history");
        assertEquals(0, result(broker.join("spam0", new Member("c1", "carol"), null)).history().size());
    }
}
