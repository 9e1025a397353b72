package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.acme.chat.support.TestTransport;
import org.junit.jupiter.api.Test;

/**
 * Join/leave churn cannot flood a room (issue #17, item 5): one client joining and leaving 300 times used to cost
 * every member 600 presence frames. Beyond the room's notice budget (30 at once, 10/s) notices are held and go out
 * netted once per second; every member's list, kept from its welcome and the notices, stays right.
 */
class PresenceChurnTest {

    private final Harness chat = Harness.create();

    @Test
    void churnBeyondTheBudgetIsNettedAndEveryMembersListStaysRight() {
        Harness.Client alice = chat.join("r1", "alice");
        Harness.Client bob = chat.join("r1", "bob");
        int before = presence(alice.transport);

        for (int i = 0; i < 300; i++) {
            chat.join("r1", "churner").session.onClose();
        }
        bob.session.onClose(); // left during the churn: its leave is held with the rest
        Harness.Client carol = chat.join("r1", "carol"); // joined during the churn
        chat.join("r1", "churner").session.onClose();
        assertTrue(presence(alice.transport) - before <= 30, "only the burst went out at once");

        chat.timers.advance(Duration.ofSeconds(1));

        assertEquals(Set.of("alice", "carol"), membersSeenBy(alice.transport));
        assertEquals(Set.of("alice", "carol"), membersSeenBy(carol.transport));
        assertTrue(presence(alice.transport) - before <= 30 + 2, "then one netted batch: bob left, carol joined; "
                + (presence(alice.transport) - before));
        assertTrue(presence(carol.transport) <= 1, "carol's welcome listed bob; only bob's leave is news to her");
    }

    @Test
    void aQuietRoomAnnouncesEveryJoinAndLeaveAtOnce() {
        Harness.Client alice = chat.join("r1", "alice");
        for (int i = 0; i < 50; i++) {
            chat.join("r1", "visitor" + i).session.onClose();
            chat.timers.advance(Duration.ofMillis(500)); // 4 notices a second, within the budget
            assertEquals("leave", alice.transport.last().get("type").asText());
        }
        assertEquals(100, presence(alice.transport));
    }

    private static int presence(TestTransport transport) {
        return transport.framesOf("join").size() + transport.framesOf("leave").size();
    }

    /** The member names a client knows of: its welcome's members, then every join and leave, in order. */
    private static Set<String> membersSeenBy(TestTransport transport) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < transport.sent().size(); i++) {
            JsonNode frame = transport.frame(i);
            switch (frame.get("type").asText()) {
                case "welcome" -> frame.get("members").forEach(m -> names.add(m.get("name").asText()));
                case "join" -> names.add(frame.get("member").get("name").asText());
                case "leave" -> names.remove(frame.get("member").get("name").asText());
                default -> { }
            }
        }
        return names;
    }
}
