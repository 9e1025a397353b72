package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.chat.broker.Change;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.support.DelegatingBroker;
import org.junit.jupiter.api.Test;

/**
 * A v2 session's own rules, on a hand-driven clock: what it coalesces (typing, read markers), how it answers a dropped
 * or refused frame (room and ref), and its {@code ack}s for changes.
 */
class PersonSessionTest {

    private static String frame(String json) {
        return json.replace('\'', '"');
    }

    private static List<JsonNode> ofType(Harness.Client client, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (int i = 0; i < client.transport.sent().size(); i++) {
            JsonNode frame = client.transport.frame(i);
            if (type.equals(frame.get("type").asText())) {
                found.add(frame);
            }
        }
        return found;
    }

    @Test
    void framesOverTheRateLimitAreAnsweredWithTheirRoomAndRef() {
        Harness harness = Harness.create();
        Harness.Client alice = harness.person("alice", "alice-key-1");
        alice.session.onText(frame("{'type':'join','room':'lobby'}"));
        for (int i = 0; i < 25; i++) {
            alice.session.onText(frame("{'type':'message','room':'lobby','text':'m" + i + "','ref':'r" + i + "'}"));
        }
        List<JsonNode> limited = ofType(alice, "error");
        assertEquals(25 + 1 - 20, limited.size(), () -> "the burst is 20 frames: " + alice.transport.types());
        for (JsonNode error : limited) {
            assertEquals("rate_limited", error.get("code").asText());
            assertEquals("lobby", error.get("room").asText());
            assertTrue(error.get("ref").asText().startsWith("r"), () -> "the dropped frame's ref: " + error);
        }
    }

    @Test
    void aMessageTheBrokerRefusesIsAnsweredWithAnErrorNotSilence() {
        Harness harness = Harness.withBroker(broker -> new DelegatingBroker(broker) {
            @Override
            public CompletionStage<ChatMessage> post(String room, Member from, String text) {
                return CompletableFuture.failedFuture(new IllegalStateException("not a member any more"));
            }
        });
        Harness.Client alice = harness.person("alice", "alice-key-1");
        alice.session.onText(frame("{'type':'join','room':'lobby'}"));
        alice.session.onText(frame("{'type':'message','room':'lobby','text':'hi','ref':'m1'}"));
        JsonNode error = alice.transport.last();
        assertEquals("not_in_room", error.get("code").asText());
        assertEquals("lobby", error.get("room").asText());
        assertEquals("m1", error.get("ref").asText());
    }

    @Test
    void aChangeWithARefIsAckedEvenWhenItChangedNothing() {
        Harness harness = Harness.create();
        Harness.Client alice = harness.person("alice", "alice-key-1");
        alice.session.onText(frame("{'type':'join','room':'lobby'}"));
        alice.session.onText(frame("{'type':'message','room':'lobby','text':'hi','ref':'m'}"));
        String id = ofType(alice, "ack").get(0).get("id").asText();
        alice.session.onText(frame("{'type':'react','room':'lobby','id':'" + id + "','emoji':'👍','on':true,'ref':'a'}"));
        alice.session.onText(frame("{'type':'react','room':'lobby','id':'" + id + "','emoji':'👍','on':true,'ref':'b'}"));
        alice.session.onText(frame("{'type':'edit','room':'lobby','id':'" + id + "','text':'hey','ref':'c'}"));
        List<JsonNode> acks = ofType(alice, "ack");
        assertEquals(List.of("m", "a", "b", "c"), acks.stream().map(ack -> ack.get("ref").asText()).toList());
        assertEquals(id, acks.get(2).get("id").asText());
        assertEquals(1, ofType(alice, "reaction").size(), "the repeat changed nothing and was not announced");
    }

    @Test
    void aTwentyFirstEmojiOnAMessageIsTooManyReactions() {
        Harness harness = Harness.create();
        Harness.Client alice = harness.person("alice", "alice-key-1");
        alice.session.onText(frame("{'type':'join','room':'lobby'}"));
        alice.session.onText(frame("{'type':'message','room':'lobby','text':'hi','ref':'m'}"));
        String id = ofType(alice, "ack").get(0).get("id").asText();
        for (int e = 0; e <= Change.MAX_EMOJI; e++) {
            harness.timers.advance(Duration.ofSeconds(1)); // within the frame budget
            String emoji = new String(Character.toChars(0x1F600 + e));
            alice.session.onText(frame("{'type':'react','room':'lobby','id':'" + id + "','emoji':'" + emoji
                    + "','on':true,'ref':'e" + e + "'}"));
        }
        assertEquals(Change.MAX_EMOJI, ofType(alice, "reaction").size());
        JsonNode error = alice.transport.last();
        assertEquals("too_many_reactions", error.get("code").asText());
        assertEquals("e" + Change.MAX_EMOJI, error.get("ref").asText());
        assertEquals("lobby", error.get("room").asText());
    }

    @Test
    void typingIsRelayedAtMostOnceInTwoSecondsPerRoom() {
        AtomicInteger relayed = new AtomicInteger();
        Harness harness = Harness.withBroker(broker -> new DelegatingBroker(broker) {
            @Override
            public CompletionStage<Void> typing(String room, Member person, org.acme.chat.protocol.OutboundFrame f) {
                relayed.incrementAndGet();
                return super.typing(room, person, f);
            }
        });
        Harness.Client alice = harness.person("alice", "alice-key-1");
        alice.session.onText(frame("{'type':'join','room':'lobby'}"));
        alice.session.onText(frame("{'type':'typing','room':'lobby'}"));
        harness.timers.advance(Duration.ofMillis(1_900));
        alice.session.onText(frame("{'type':'typing','room':'lobby'}"));
        assertEquals(1, relayed.get());
        harness.timers.advance(Duration.ofMillis(100));
        alice.session.onText(frame("{'type':'typing','room':'lobby'}"));
        assertEquals(2, relayed.get());
        assertEquals(0, ofType(alice, "error").size(), "coalesced, never refused");
    }

    @Test
    void readMarkersWithinASecondAreHeldAndTheNewestGoesOutAtItsEnd() {
        List<MessageId> marked = new ArrayList<>();
        Harness harness = Harness.withBroker(broker -> new DelegatingBroker(broker) {
            @Override
            public CompletionStage<Change> read(String room, Member person, MessageId id) {
                marked.add(id);
                return super.read(room, person, id);
            }
        });
        Harness.Client alice = harness.person("alice", "alice-key-1");
        alice.session.onText(frame("{'type':'join','room':'lobby'}"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alice.session.onText(frame("{'type':'message','room':'lobby','text':'m" + i + "','ref':'r" + i + "'}"));
            ids.add(alice.transport.last().get("id").asText());
        }
        alice.session.onText(frame("{'type':'read','room':'lobby','id':'" + ids.get(0) + "'}"));
        alice.session.onText(frame("{'type':'read','room':'lobby','id':'" + ids.get(2) + "'}"));
        alice.session.onText(frame("{'type':'read','room':'lobby','id':'" + ids.get(1) + "'}"));
        assertEquals(List.of(MessageId.parse(ids.get(0))), marked, "the first at once, the others held");
        harness.timers.advance(Duration.ofMillis(1_000));
        alice.transport.runTasks();
        assertEquals(List.of(MessageId.parse(ids.get(0)), MessageId.parse(ids.get(2))), marked,
                "the newest held marker at the end of the second");
    }
}
