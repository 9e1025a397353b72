package org.acme.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.junit.jupiter.api.Test;

/** The room layer without Quarkus: membership, events, history and ids. */
class RoomRegistryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);

    private final RoomRegistry registry = new RoomRegistry(new InMemoryHistoryStore(3, 100), new EventEncoder(MAPPER),
            FIXED);

    @Test
    void joinerGetsWelcomeWithAllMembersAndOthersGetJoin() throws Exception {
        var alice = new Recorder("a1", "alice");
        var bob = new Recorder("b1", "bob");
        registry.join("r1", alice);
        registry.join("r1", bob);

        JsonNode welcome = bob.frame(0);
        assertEquals("welcome", welcome.get("type").asText());
        assertEquals("bob", welcome.get("you").get("name").asText());
        assertEquals(List.of("alice", "bob"), names(welcome.get("members")));
        JsonNode join = alice.frame(1);
        assertEquals("join", join.get("type").asText());
        assertEquals("b1", join.get("member").get("id").asText());
        assertEquals(1, bob.frames.size(), "the joiner gets no join event about itself");
        assertEquals(2, registry.members());
        assertEquals(1, registry.activeRooms());
    }

    @Test
    void leaveReachesOthersAndEmptyRoomDisappears() throws Exception {
        var alice = new Recorder("a1", "alice");
        var bob = new Recorder("b1", "bob");
        registry.join("r1", alice);
        registry.join("r1", bob);

        assertTrue(registry.leave("r1", "b1"));
        assertEquals("leave", alice.last().get("type").asText());
        assertEquals("bob", alice.last().get("member").get("name").asText());
        assertFalse(registry.leave("r1", "b1"), "leaving twice is a no-op");
        assertTrue(registry.leave("r1", "a1"));
        assertEquals(0, registry.activeRooms());
        assertEquals(0, registry.members());
    }

    @Test
    void namesAreUniquePerRoomIgnoringCaseAndFreedOnLeave() throws Exception {
        registry.join("r1", new Recorder("a1", "Alice"));
        assertThrows(NameTakenException.class, () -> registry.join("r1", new Recorder("a2", "aLiCe")));
        assertTrue(registry.isNameTaken("r1", "ALICE"));
        registry.join("r2", new Recorder("a3", "alice"));

        registry.leave("r1", "a1");
        assertFalse(registry.isNameTaken("r1", "alice"));
        registry.join("r1", new Recorder("a4", "alice"));
        assertEquals(2, registry.members(), "the refused join was not counted");
    }

    @Test
    void messagesReachEveryMemberOfTheRoomOnlyWithIncreasingIds() throws Exception {
        var alice = new Recorder("a1", "alice");
        var bob = new Recorder("b1", "bob");
        var carol = new Recorder("c1", "carol");
        registry.join("r1", alice);
        registry.join("r1", bob);
        registry.join("other", carol);

        Posted first = registry.post("r1", alice.member(), "hello");
        Posted second = registry.post("r1", bob.member(), "hi");

        assertEquals(2, first.recipients());
        assertTrue(MessageId.parse(second.message().id()).compareTo(MessageId.parse(first.message().id())) > 0);
        assertEquals("hello", alice.frame(2).get("text").asText());
        assertEquals("hi", alice.frame(3).get("text").asText());
        assertEquals("hello", bob.frame(1).get("text").asText());
        assertEquals("alice", bob.frame(1).get("from").get("name").asText());
        assertEquals(1, carol.frames.size(), "only its own welcome");
    }

    @Test
    void historyIsBoundedOldestFirstAndOutlivesTheRoom() throws Exception {
        var alice = new Recorder("a1", "alice");
        registry.join("r1", alice);
        for (int i = 1; i <= 5; i++) {
            registry.post("r1", alice.member(), "m" + i);
        }
        registry.leave("r1", "a1");

        var late = new Recorder("l1", "late");
        registry.join("r1", late);
        JsonNode history = late.frame(0).get("history");
        assertEquals(3, history.size());
        List<String> texts = new ArrayList<>();
        history.forEach(m -> texts.add(m.get("text").asText()));
        assertEquals(List.of("m3", "m4", "m5"), texts);
        assertEquals("message", history.get(0).get("type").asText());
    }

    @Test
    void postingToARoomWithoutMembersIsRefused() {
        assertThrows(IllegalStateException.class, () -> registry.post("nobody", new Member("x", "x"), "hi"));
    }

    private static List<String> names(JsonNode members) {
        List<String> names = new ArrayList<>();
        members.forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    /** A participant that keeps every frame it is handed. */
    private static final class Recorder implements Participant {
        private final Member member;
        private final List<String> frames = new ArrayList<>();

        Recorder(String id, String name) {
            this.member = new Member(id, name);
        }

        @Override
        public Member member() {
            return member;
        }

        @Override
        public void deliver(String frame) {
            frames.add(frame);
        }

        JsonNode frame(int index) throws Exception {
            return MAPPER.readTree(frames.get(index));
        }

        JsonNode last() throws Exception {
            return frame(frames.size() - 1);
        }
    }
}
