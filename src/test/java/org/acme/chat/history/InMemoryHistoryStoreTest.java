package org.acme.chat.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.junit.jupiter.api.Test;

/**
 * The memory broker's history under a byte budget: what a stranger posting full-size messages into many rooms can make
 * it hold, and which history goes first when it is full. Plain JUnit: the store is called directly.
 */
class InMemoryHistoryStoreTest {

    private static final Member ALICE = new Member("a1", "alice");
    /** A maximal chat text (4,000 code points outside the BMP): 8,000 UTF-16 chars, ~16 KB. */
    private static final String FULL = "\uD83D\uDE00".repeat(4000);

    private long clock = 1_000;

    @Test
    void fillingManyRoomsNeverKeepsMoreThanTheBudget() {
        long budget = 2_000_000;
        InMemoryHistoryStore store = new InMemoryHistoryStore(50, 10_000, budget);
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < 400; r++) {
            String room = "room-" + r;
            rooms.add(room);
            for (int m = 0; m < 50; m++) {
                store.append(room, ALICE, FULL, clock++);
            }
            assertTrue(store.bytes() <= budget, () -> store.bytes() + " bytes kept, over the budget " + budget);
        }
        long kept = rooms.stream().flatMap(room -> store.recent(room).stream())
                .mapToLong(InMemoryHistoryStore::footprint).sum();
        assertEquals(store.bytes(), kept, "bytes() counts exactly what is kept");
        assertTrue(kept > budget / 2, () -> kept + " bytes kept: the budget is used");
        assertTrue(2 * FULL.length() < InMemoryHistoryStore.footprint(message(FULL)), "counts the text's UTF-16 bytes");
    }

    @Test
    void throwawayPersonsReadMarkersAreCappedAndGoBeforeAnyMessage() {
        long budget = 200_000;
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 100, 10, budget);
        store.occupied("lobby");
        List<ChatMessage> posted = new ArrayList<>();
        for (int m = 0; m < 100; m++) {
            posted.add(store.append("lobby", ALICE, "message " + m, clock++));
        }
        MessageId last = MessageId.parse(posted.get(99).id());
        for (int p = 0; p < 2_000; p++) {
            store.markRead("lobby", "throwaway-" + p, last);
            assertTrue(store.bytes() <= budget, () -> store.bytes() + " bytes kept, over the budget " + budget);
        }
        assertEquals(last, store.readMarker("lobby", "throwaway-1999"), "the newest markers stay");
        assertEquals(null, store.readMarker("lobby", "throwaway-0"), "at most retained (100) markers a room");
        store.append("lobby", ALICE, "one more", clock++);
        assertEquals(100, store.before("lobby", null, 1_000).size(), "markers cost no message");

        store.markRead("lobby", "reader", last);
        for (int m = 0; m < 2_000; m++) {
            store.append("lobby", ALICE, FULL, clock++); // now messages overflow the budget
        }
        assertTrue(store.bytes() <= budget);
        assertEquals(null, store.readMarker("lobby", "reader"), "over the budget, markers went before messages");
        assertEquals(5, store.recent("lobby").size());
    }

    @Test
    void aMessageIsFoundByItsIdAndAnIdItDoesNotHoldIsNot() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 100, 10, Long.MAX_VALUE);
        List<ChatMessage> posted = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            posted.add(store.append("lobby", ALICE, "m" + m, clock));
            clock += m % 2; // pairs of messages in one millisecond: ids differ by their sequence
        }
        for (ChatMessage message : posted) {
            assertEquals(message, store.get("lobby", MessageId.parse(message.id())));
        }
        MessageId third = MessageId.parse(posted.get(3).id());
        assertTrue(store.delete("lobby", third));
        assertEquals(null, store.get("lobby", third), "erased");
        assertEquals(null, store.get("lobby", MessageId.ZERO), "older than the first kept");
        assertEquals(null, store.get("lobby", MessageId.parse(posted.get(9).id()).next(clock + 1)), "never posted");
        assertEquals(null, store.get("elsewhere", third));
    }

    @Test
    void packedMessagesReadChangeAndDropAsLooseOnes() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 300, 10, Long.MAX_VALUE);
        List<ChatMessage> posted = new ArrayList<>();
        for (int m = 0; m < 600; m++) {
            posted.add(store.append("lobby", ALICE, "m" + m + " \uD83D\uDE00", clock));
            clock += m % 3 == 0 ? 1 : 0;
        }
        List<ChatMessage> kept = posted.subList(300, 600); // retained 300: the oldest 300 went
        assertEquals(kept, store.before("lobby", null, 1_000), "every kept message, packed or not, as posted");
        assertEquals(kept.subList(295, 300), store.recent("lobby"));
        assertEquals(kept.stream().mapToLong(InMemoryHistoryStore::footprint).sum(), store.bytes());
        MessageId at = MessageId.parse(kept.get(150).id());
        assertEquals(kept.subList(100, 150), store.before("lobby", at, 50), "a page in the packed part");
        for (ChatMessage message : List.of(kept.get(0), kept.get(127), kept.get(128), kept.get(299))) {
            assertEquals(message, store.get("lobby", MessageId.parse(message.id())));
        }
        assertEquals(null, store.get("lobby", MessageId.parse(posted.get(10).id())), "dropped");

        ChatMessage changed = kept.get(40).edited("changed", clock).withReactions(
                java.util.Map.of("\uD83D\uDC4D", List.of("p1", "p2")));
        assertTrue(store.replace("lobby", changed));
        assertEquals(changed, store.get("lobby", MessageId.parse(changed.id())));
        ChatMessage tombstone = kept.get(41).tombstone();
        assertTrue(store.replace("lobby", tombstone));
        assertEquals(tombstone, store.get("lobby", MessageId.parse(tombstone.id())));
        assertTrue(store.delete("lobby", MessageId.parse(kept.get(42).id())));
        List<ChatMessage> page = store.before("lobby", MessageId.parse(kept.get(44).id()), 4);
        assertEquals(List.of(changed, tombstone, kept.get(43)), page.subList(1, 4));
        assertEquals(299, store.before("lobby", null, 1_000).size());

        HistoryStore.Since recent = store.since("lobby", MessageId.parse(kept.get(297).id()));
        assertEquals(kept.subList(298, 300), recent.messages());
        assertEquals(HistoryStore.Gap.NONE, recent.gap());
        HistoryStore.Since old = store.since("lobby", MessageId.parse(kept.get(10).id()));
        assertEquals(HistoryStore.Gap.TOO_OLD, old.gap(), "more than a welcome carries");
        assertEquals(kept.subList(295, 300), old.messages());
        for (int m = 0; m < 300; m++) {
            store.append("lobby", ALICE, "more " + m, clock++);
        }
        assertEquals(null, store.get("lobby", MessageId.parse(changed.id())), "changed and dropped in turn");
        long keptBytes = store.before("lobby", null, 1_000).stream().mapToLong(InMemoryHistoryStore::footprint).sum();
        assertEquals(keptBytes, store.bytes(), "bytes() still counts exactly what is kept");
    }

    @Test
    void reactionsCountInAMessagesFootprint() {
        ChatMessage plain = message("hi");
        ChatMessage reacted = plain.withReactions(java.util.Map.of("👍", List.of("p".repeat(23), "q".repeat(23))));
        assertTrue(InMemoryHistoryStore.footprint(reacted) >= InMemoryHistoryStore.footprint(plain) + 2 * 2 * 23,
                "two person ids at least, as UTF-16");
    }

    @Test
    void theLeastRecentlyUsedRoomsHistoryGoesFirst() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 100, 3 * roomOfFive());
        fill(store, "a");
        fill(store, "b");
        fill(store, "c");
        store.recent("a"); // a joiner read a: now b is the least recently used

        fill(store, "d");

        assertEquals(5, store.recent("a").size());
        assertEquals(List.of(), store.recent("b"), "b was the least recently used");
        assertEquals(5, store.recent("c").size());
        assertEquals(5, store.recent("d").size());
    }

    @Test
    void roomsWithMembersKeepTheirHistoryWhileEmptyRoomsHaveAny() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 100, 3 * roomOfFive());
        store.occupied("q");
        fill(store, "q"); // the least recently used, but it has members
        fill(store, "l");
        store.occupied("b");
        fill(store, "b");

        fill(store, "n");

        assertEquals(5, store.recent("q").size(), "a room with members is spared while an empty one has history");
        assertEquals(List.of(), store.recent("l"));

        store.vacated("q"); // in use until now: the newest of the rooms without members
        fill(store, "m");
        assertEquals(List.of(), store.recent("n"));
        fill(store, "p");
        assertEquals(List.of(), store.recent("q"), "once empty it goes like any other");
        assertEquals(5, store.recent("b").size(), "still spared");
    }

    @Test
    void whenOnlyRoomsWithMembersHoldHistoryTheirOldestMessagesGoAndTheNewestSurvive() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(50, 100, 10 * InMemoryHistoryStore.footprint(message("m00")));
        store.occupied("a");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(store.append("a", ALICE, String.format("m%02d", i), clock++).id());
        }

        List<ChatMessage> kept = store.recent("a");
        assertEquals(ids.subList(20, 30), kept.stream().map(ChatMessage::id).toList(), "the newest ten, in order");
        HistoryStore.Since resumed = store.since("a", MessageId.parse(ids.get(5)));
        assertEquals(HistoryStore.Gap.TOO_OLD, resumed.gap(), "a resume from before them learns some are gone");
        assertEquals(kept, resumed.messages());
        assertEquals(HistoryStore.Gap.NONE, store.since("a", MessageId.parse(ids.get(19))).gap());
    }

    @Test
    void maxRoomsStaysASecondBoundAndAlsoSparesRoomsWithMembers() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 2, Long.MAX_VALUE);
        store.occupied("a");
        store.append("a", ALICE, "hi", clock++);
        store.append("b", ALICE, "hi", clock++);
        store.append("c", ALICE, "hi", clock++);

        assertEquals(1, store.recent("a").size());
        assertEquals(List.of(), store.recent("b"));
        assertEquals(1, store.recent("c").size());
        assertEquals(2 * InMemoryHistoryStore.footprint(message("hi")), store.bytes());
    }

    @Test
    void aResumeIntoARoomWhoseHistoryWasDroppedIsNotRecoveredEvenOnceItHasNewMessages() {
        InMemoryHistoryStore store = new InMemoryHistoryStore(5, 100, roomOfFive());
        String old = store.append("g", ALICE, "before", clock++).id();
        fill(store, "o"); // the budget holds one room: g's history is dropped
        assertEquals(HistoryStore.Gap.UNKNOWN, store.since("g", MessageId.parse(old)).gap());

        store.append("g", ALICE, "after", clock++);

        HistoryStore.Since resumed = store.since("g", MessageId.parse(old));
        assertEquals(HistoryStore.Gap.UNKNOWN, resumed.gap(), "what came between is gone: not recovered");
        assertEquals(List.of("after"), resumed.messages().stream().map(ChatMessage::text).toList());
        assertEquals(HistoryStore.Gap.NONE, store.since("g", MessageId.ZERO).gap(), "0-0 asks for what is there");
    }

    private void fill(InMemoryHistoryStore store, String room) {
        for (int i = 0; i < 5; i++) {
            store.append(room, ALICE, "m" + i, clock++);
        }
    }

    /** The bytes of a room's five messages "m0".."m4" (a one-letter room name). */
    private static long roomOfFive() {
        return 5 * InMemoryHistoryStore.footprint(message("m0"));
    }

    private static ChatMessage message(String text) {
        return new ChatMessage("1000-0", "a", ALICE, text, 1000);
    }
}
