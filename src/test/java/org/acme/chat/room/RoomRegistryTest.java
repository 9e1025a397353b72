package org.acme.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.memory.MemoryBroker;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.support.DelegatingBroker;
import org.acme.chat.support.ManualTimers;
import org.junit.jupiter.api.Test;

/** The room layer on the memory broker, without Quarkus: membership, events, history, ids and resuming. */
class RoomRegistryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventEncoder ENCODER = new EventEncoder(MAPPER);
    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);

    private final AtomicInteger delivered = new AtomicInteger();
    private final MemoryBroker broker = new MemoryBroker(new InMemoryHistoryStore(3, 100), ENCODER, FIXED, 100);
    /** 100 rooms, whole histories in welcomes, and a presence budget these tests never reach. */
    private static final RoomRegistry.Settings SETTINGS = new RoomRegistry.Settings(100, 1 << 20, 1000, 1000,
            Duration.ofSeconds(1));
    private final RoomRegistry registry = new RoomRegistry(broker, ENCODER, SETTINGS, new ManualTimers(),
            delivered::addAndGet, PresenceMeter.NONE);

    @Test
    void joinerGetsWelcomeWithAllMembersAndOthersGetJoin() throws Exception {
        var alice = join("r1", new Recorder("a1", "alice"));
        var bob = join("r1", new Recorder("b1", "bob"));

        JsonNode welcome = bob.frame(0);
        assertEquals("welcome", welcome.get("type").asText());
        assertEquals("bob", welcome.get("you").get("name").asText());
        assertEquals(List.of("alice", "bob"), names(welcome.get("members")));
        assertFalse(welcome.has("recovered"), "no resume asked for");
        JsonNode join = alice.frame(1);
        assertEquals("join", join.get("type").asText());
        assertEquals("b1", join.get("member").get("id").asText());
        assertEquals(1, bob.frames.size(), "the joiner gets no join event about itself");
        assertEquals(2, registry.members());
        assertEquals(1, registry.activeRooms());
    }

    @Test
    void leaveReachesOthersAndEmptyRoomDisappears() throws Exception {
        var alice = join("r1", new Recorder("a1", "alice"));
        join("r1", new Recorder("b1", "bob"));

        assertTrue(registry.leave("r1", "b1"));
        assertEquals("leave", alice.last().get("type").asText());
        assertEquals("bob", alice.last().get("member").get("name").asText());
        assertFalse(registry.leave("r1", "b1"), "leaving twice is a no-op");
        assertTrue(registry.leave("r1", "a1"));
        assertEquals(0, registry.activeRooms());
        assertEquals(0, registry.members());
    }

    @Test
    void namesAreUniquePerRoomIgnoringCaseAndFreedOnLeave() {
        join("r1", new Recorder("a1", "Alice"));
        assertEquals(Refusal.Kind.NAME_TAKEN,
                RefusedException.of(refusal(registry.join("r1", new Recorder("a2", "aLiCe"), null))).kind());
        assertEquals(Refusal.Kind.NAME_TAKEN, registry.checkJoin("r1", "ALICE").toCompletableFuture().join()
                .orElseThrow().kind());
        join("r2", new Recorder("a3", "alice"));

        registry.leave("r1", "a1");
        assertEquals(Optional.empty(), registry.checkJoin("r1", "alice").toCompletableFuture().join());
        join("r1", new Recorder("a4", "alice"));
        assertEquals(2, registry.members(), "the refused join was not counted");
    }

    @Test
    void messagesReachEveryMemberOfTheRoomOnlyWithIncreasingIds() throws Exception {
        var alice = join("r1", new Recorder("a1", "alice"));
        var bob = join("r1", new Recorder("b1", "bob"));
        var carol = join("other", new Recorder("c1", "carol"));

        ChatMessage first = post("r1", alice, "hello");
        ChatMessage second = post("r1", bob, "hi");

        assertEquals(4, delivered.get(), "two messages, two members each");
        assertTrue(MessageId.parse(second.id()).compareTo(MessageId.parse(first.id())) > 0);
        assertEquals("hello", alice.frame(2).get("text").asText());
        assertEquals("hi", alice.frame(3).get("text").asText());
        assertEquals("hello", bob.frame(1).get("text").asText());
        assertEquals("alice", bob.frame(1).get("from").get("name").asText());
        assertEquals(1, carol.frames.size(), "only its own welcome");
    }

    @Test
    void historyIsBoundedOldestFirstAndOutlivesTheRoom() throws Exception {
        var alice = join("r1", new Recorder("a1", "alice"));
        for (int i = 1; i <= 5; i++) {
            post("r1", alice, "m" + i);
        }
        registry.leave("r1", "a1");

        var late = join("r1", new Recorder("l1", "late"));
        JsonNode history = late.frame(0).get("history");
        assertEquals(List.of("m3", "m4", "m5"), texts(history));
        assertEquals("message", history.get(0).get("type").asText());
    }

    @Test
    void resumingGetsExactlyWhatWasMissedOrSaysWhyNot() throws Exception {
        var alice = join("r1", new Recorder("a1", "alice"));
        ChatMessage seen = post("r1", alice, "seen");
        post("r1", alice, "missed 1");
        post("r1", alice, "missed 2");

        JsonNode back = joinResuming("r1", new Recorder("b1", "bob"), MessageId.parse(seen.id())).frame(0);
        assertEquals(List.of("missed 1", "missed 2"), texts(back.get("history")));
        assertTrue(back.get("recovered").asBoolean());
        assertFalse(back.has("reason"));

        post("r1", alice, "missed 3");
        post("r1", alice, "missed 4"); // the history keeps 3: "missed 1" is gone
        JsonNode late = joinResuming("r1", new Recorder("c1", "carol"), MessageId.parse(seen.id())).frame(0);
        assertEquals(List.of("missed 2", "missed 3", "missed 4"), texts(late.get("history")));
        assertFalse(late.get("recovered").asBoolean());
        assertTrue(late.get("reason").asText().contains("some are missing"), late::toString);

        JsonNode unknown = joinResuming("r1", new Recorder("d1", "dave"), new MessageId(9_999_999, 0)).frame(0);
        assertFalse(unknown.get("recovered").asBoolean());
        assertEquals(0, unknown.get("history").size());
    }

    @Test
    void aJoinStillWithTheBrokerGetsItsWelcomeFirstThenOnlyLaterEvents() throws Exception {
        var slow = new SlowJoins(broker);
        var registry = new RoomRegistry(slow, ENCODER, SETTINGS, new ManualTimers(), n -> { }, PresenceMeter.NONE);
        var alice = slow.joinNow(registry, "r1", new Recorder("a1", "alice"));
        var bob = new Recorder("b1", "bob");
        CompletionStage<Void> bobJoins = registry.join("r1", bob, null);
        registry.post("r1", alice.member(), "before bob's join reached the broker");
        slow.release(); // the broker decides bob's join now: later messages are his
        registry.post("r1", alice.member(), "after");
        assertEquals(0, bob.frames.size(), "nothing before the welcome");

        slow.answer();
        bobJoins.toCompletableFuture().join();
        assertEquals("welcome", bob.frame(0).get("type").asText());
        assertEquals(List.of("before bob's join reached the broker"), texts(bob.frame(0).get("history")));
        assertEquals("after", bob.frame(1).get("text").asText());
        assertEquals(2, bob.frames.size());
    }

    @Test
    void leavingWhileTheJoinIsWithTheBrokerUndoesTheJoin() throws Exception {
        var slow = new SlowJoins(broker);
        var registry = new RoomRegistry(slow, ENCODER, SETTINGS, new ManualTimers(), n -> { }, PresenceMeter.NONE);
        var alice = slow.joinNow(registry, "r1", new Recorder("a1", "alice"));
        CompletionStage<Void> bobJoins = registry.join("r1", new Recorder("b1", "bob"), null);
        assertTrue(registry.leave("r1", "b1"));
        slow.release();
        slow.answer();
        bobJoins.toCompletableFuture().join();

        assertEquals(List.of("welcome", "join", "leave"), types(alice), "bob came and went; he got nothing");
        assertEquals(Optional.empty(), broker.checkJoin("r1", "bob").toCompletableFuture().join(), "name free again");
    }

    @Test
    void postingToARoomWithoutMembersIsRefused() {
        assertInstanceOf(IllegalStateException.class, refusal(registry.post("nobody", new Member("x", "x"), "hi")));
    }

    private Recorder join(String room, Recorder recorder) {
        assertNull(registry.join(room, recorder, null).toCompletableFuture().join());
        return recorder;
    }

    private Recorder joinResuming(String room, Recorder recorder, MessageId since) {
        registry.join(room, recorder, since).toCompletableFuture().join();
        return recorder;
    }

    private ChatMessage post(String room, Recorder from, String text) {
        return registry.post(room, from.member(), text).toCompletableFuture().join();
    }

    private static Throwable refusal(CompletionStage<?> stage) {
        return assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join()).getCause();
    }

    private static List<String> names(JsonNode members) {
        List<String> names = new ArrayList<>();
        members.forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        messages.forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    private static List<String> types(Recorder recorder) throws Exception {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < recorder.frames.size(); i++) {
            types.add(recorder.frame(i).get("type").asText());
        }
        return types;
    }

    /**
     * The memory broker with joins that take their time, as over the network: a join reaches it only on
     * {@link #release()}, and its answer comes back only on {@link #answer()}.
     */
    private static final class SlowJoins extends DelegatingBroker {
        private Runnable pending;
        private CompletableFuture<Joined> decided;
        private CompletableFuture<Joined> answered;

        SlowJoins(Broker delegate) {
            super(delegate);
        }

        @Override
        public CompletionStage<Joined> join(String room, Member member, MessageId since) {
            answered = new CompletableFuture<>();
            pending = () -> decided = delegate.join(room, member, since).toCompletableFuture();
            return answered;
        }

        /** The broker decides the join now (and announces it). */
        void release() {
            pending.run();
        }

        /** The broker's answer reaches the caller now. */
        void answer() {
            decided.whenComplete((joined, failure) -> {
                if (failure != null) {
                    answered.completeExceptionally(failure);
                } else {
                    answered.complete(joined);
                }
            });
        }

        /** Joins at once, decision and answer. */
        Recorder joinNow(RoomRegistry registry, String room, Recorder participant) {
            CompletionStage<Void> joined = registry.join(room, participant, null);
            release();
            answer();
            joined.toCompletableFuture().join();
            return participant;
        }
    }

    /** A participant that keeps every frame it is handed. */
    private static final class Recorder implements Participant {
        private final Member member;
        private final List<String> frames = new ArrayList<>();
        private final List<String> removals = new ArrayList<>();

        Recorder(String id, String name) {
            this.member = new Member(id, name);
        }

        @Override
        public Member member() {
            return member;
        }

        @Override
        public void deliver(OutboundFrame frame) {
            frames.add(frame.text());
        }

        @Override
        public void removed(String reason) {
            removals.add(reason);
        }

        JsonNode frame(int index) throws Exception {
            return MAPPER.readTree(frames.get(index));
        }

        JsonNode last() throws Exception {
            return frame(frames.size() - 1);
        }
    }
}
