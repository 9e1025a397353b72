package org.acme.chat.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Deleted;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.protocol.v2.Edited;
import org.acme.chat.protocol.v2.Reaction;
import org.acme.chat.protocol.v2.ReadMarker;
import org.acme.chat.protocol.v2.Typing;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Broker} promises the room layer, as one suite that each implementation runs: ordering, presence,
 * name uniqueness, history, resuming, capacity. A test asks for "nodes": a distributed broker makes a new one for each
 * (members on different nodes), a single-node broker hands back its one node, so the same test covers both cases.
 * Every node records the room events it hears; waits are bounded.
 */
public abstract class BrokerContract {

    /** Messages a welcome carries in these tests ({@code chat.history.size}). */
    protected static final int HISTORY = 3;
    /** Messages a room's history keeps for scroll-back in these tests ({@code chat.history.retained}), at least. */
    protected static final int RETAINED = 10;
    /** Members a room may have in these tests. */
    protected static final int MAX_MEMBERS = 3;
    private static final long WAIT_SECONDS = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger ROOMS = new AtomicInteger();

    private final List<Node> nodes = new ArrayList<>();

    /**
     * A started broker with {@link #HISTORY}, {@link #RETAINED} and {@link #MAX_MEMBERS}, handing its events to
     * {@code node}.
     */
    protected abstract Broker start(Node node);

    /** Whether each {@link #node} is a node of its own (true) or the same single node (false). */
    protected abstract boolean distributed();

    /** Node {@code index} of the cluster under test (0 first), made on first use. */
    protected final Node node(int index) {
        if (!distributed()) {
            index = 0;
        }
        while (nodes.size() <= index) {
            Node node = new Node();
            node.broker = start(node);
            nodes.add(node);
        }
        return nodes.get(index);
    }

    /** Every node made so far, for closing. */
    protected final List<Node> nodes() {
        return nodes;
    }

    /** A room name no other test uses. */
    protected static String room(String hint) {
        return hint + "-" + ROOMS.incrementAndGet() + "-" + System.nanoTime();
    }

    @Test
    void aPostFromTheServerReachesEveryNodeAndHistoryWithoutItsSenderBeingAMember() {
        String room = room("publish");
        join(node(0), room, "a1", "alice");
        Member server = new Member("system", "system");
        ChatMessage posted = result(node(1).broker.publish(room, server, "maintenance at noon"));

        RoomEvent heard = node(0).next(room, MessageType.MESSAGE, "system");
        assertEquals(posted.id(), json(heard).get("id").asText());
        assertEquals("maintenance at noon", json(heard).get("text").asText());
        assertEquals(List.of(posted), result(node(0).broker.history(room, null, 10)));
    }

    @Test
    void aDeletedMessageLeavesTheHistoryOfEveryNodeAndIsAnnouncedOnce() {
        String room = room("delete");
        Member alice = join(node(0), room, "a1", "alice");
        ChatMessage first = result(node(0).broker.post(room, alice, "keep"));
        ChatMessage second = result(node(0).broker.post(room, alice, "abuse"));

        assertTrue(result(node(1).broker.delete(room, MessageId.parse(second.id()))));
        RoomEvent deleted = node(0).next(room, MessageType.DELETED, "");
        assertEquals(second.id(), json(deleted).get("id").asText());
        assertEquals(List.of(first), result(node(0).broker.history(room, null, 10)));
        assertEquals(List.of(first), result(node(1).broker.join(room, new Member("b1", "bob"), null)).history());
        assertEquals(false, result(node(1).broker.delete(room, MessageId.parse(second.id()))), "gone already");
    }

    @Test
    void aKickOnOneNodeIsAnEventForTheMembersNodeWithTheNameKeyAndReason() {
        String room = room("kick");
        join(node(0), room, "a1", "Alice");

        assertTrue(result(node(1).broker.kick(room, "alice", "spam")));
        RoomEvent removed = node(0).next(room, MessageType.REMOVED, NameKey.of("Alice"));
        assertEquals("spam", removed.reason());
        assertEquals(false, result(node(1).broker.kick(room, "nobody", "spam")), "nobody of that name is present");
    }

    @Test
    void aBanRefusesTheNameOnEveryNodeUntilItIsLiftedAndKicksItsMember() {
        String room = room("ban");
        join(node(0), room, "a1", "alice");

        assertTrue(result(node(1).broker.ban(room, "ALICE", java.time.Duration.ofMinutes(5), "flood")));
        assertEquals("flood", node(0).next(room, MessageType.REMOVED, NameKey.of("alice")).reason());
        assertEquals(Refusal.Kind.BANNED, result(node(0).broker.checkJoin(room, "alice")).orElseThrow().kind());
        assertEquals(Refusal.Kind.BANNED, result(node(1).broker.checkJoin(room, "Alice")).orElseThrow().kind());
        assertEquals(Optional.empty(), result(node(1).broker.checkJoin(room("other"), "alice")), "one room only");

        assertTrue(result(node(0).broker.unban(room, "alice")));
        assertEquals(false, result(node(1).broker.unban(room, "alice")), "lifted already");
        assertEquals(Refusal.Kind.NAME_TAKEN, result(node(1).broker.checkJoin(room, "alice")).orElseThrow().kind(),
                "banned, not left: alice's session leaves when her node closes it");
    }

    @Test
    void aBanOfAnAbsentNameRefusesItsJoinAndExpires() {
        String room = room("ban-expiry");
        assertEquals(false, result(node(0).broker.ban(room, "mallory", java.time.Duration.ofSeconds(1), "")));
        assertEquals(Refusal.Kind.BANNED, refusal(node(1).broker.join(room, new Member("m1", "mallory"), null)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(WAIT_SECONDS))
                .until(() -> result(node(1).broker.checkJoin(room, "mallory")).isEmpty());
        join(node(1), room, "m2", "mallory");
    }

    @Test
    void roomsAndMembersAreListedAcrossNodesByNameAndPaged() {
        String prefix = room("list");
        String lobby = prefix + "-a";
        String team = prefix + "-b";
        join(node(0), lobby, "a1", "alice");
        join(node(1), lobby, "b1", "bob");
        join(node(1), team, "c1", "carol");

        RoomPage all = result(node(0).broker.rooms(prefix, null, 10));
        assertEquals(List.of(new RoomPage.RoomCount(lobby, 2), new RoomPage.RoomCount(team, 1)), all.rooms());
        assertEquals(null, all.next());
        RoomPage first = result(node(1).broker.rooms(prefix, null, 1));
        assertEquals(List.of(new RoomPage.RoomCount(lobby, 2)), first.rooms());
        assertEquals(lobby, first.next());
        assertEquals(List.of(new RoomPage.RoomCount(team, 1)), result(node(0).broker.rooms(prefix, first.next(), 1))
                .rooms());
        assertEquals(List.of("alice", "bob"), result(node(1).broker.members(lobby)).stream().map(Member::name)
                .toList());
    }

    @Test
    void historyIsReadPageByPageBeforeAnId() {
        String room = room("pages");
        Member alice = join(node(0), room, "a1", "alice");
        ChatMessage one = result(node(0).broker.post(room, alice, "one"));
        ChatMessage two = result(node(0).broker.post(room, alice, "two"));
        ChatMessage three = result(node(0).broker.post(room, alice, "three"));

        assertEquals(List.of(two, three), result(node(1).broker.history(room, null, 2)));
        assertEquals(List.of(one), result(node(1).broker.history(room, MessageId.parse(two.id()), 2)));
        assertEquals(List.of(), result(node(1).broker.history(room("empty"), null, 2)));
    }

    @Test
    void everyNodeReportsItsCountsToTheCensus() {
        Census.NodeStats mine = new Census.NodeStats("n", 3, 2, 1.5);
        result(node(0).broker.census(mine, java.time.Duration.ofMinutes(1)));
        Census census = result(node(1).broker.census(new Census.NodeStats("n", 4, 1, 0.5),
                java.time.Duration.ofMinutes(1)));
        int nodes = distributed() ? 2 : 1;
        assertTrue(census.nodes().size() >= nodes, census::toString);
        assertTrue(census.nodes().stream().anyMatch(n -> n.connections() == 4), census::toString);
    }

    @Test
    void aRoomsEventsReachEveryNodeInOneOrderWithIncreasingSeqAndIds() {
        String room = room("order");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(result(node(i % 2).broker.post(room, i % 2 == 0 ? alice : bob, "m" + i)).id());
        }

        for (Node node : List.of(node(0), node(1)).stream().distinct().toList()) {
            List<RoomEvent> heard = node.until(room, MessageType.MESSAGE, 20);
            List<RoomEvent> messages = heard.stream().filter(e -> e.type() == MessageType.MESSAGE).toList();
            assertEquals(ids, messages.stream().map(e -> json(e).get("id").asText()).toList(),
                    "every node hears the messages in the order they were numbered");
            for (int i = 1; i < heard.size(); i++) {
                assertTrue(heard.get(i).seq() > heard.get(i - 1).seq(), "seq increases on every node");
            }
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(MessageId.parse(ids.get(i)).compareTo(MessageId.parse(ids.get(i - 1))) > 0, "ids increase");
        }
    }

    @Test
    void aJoinerIsAnnouncedAndListsEveryMemberInOrderOfArrivalAndALeaveIsAnnounced() {
        String room = room("presence");
        join(node(0), room, "a1", "alice");
        Member bob = new Member("b1", "bob");

        Joined joined = result(node(1).broker.join(room, bob, null));
        assertEquals(List.of("alice", "bob"), joined.members().stream().map(Member::name).toList());
        assertNotNull(node(0).next(room, MessageType.JOIN, "b1"), "alice's node hears bob's join");

        result(node(1).broker.leave(room, bob));
        assertNotNull(node(0).next(room, MessageType.LEAVE, "b1"), "alice's node hears bob's leave");
        Joined later = result(node(0).broker.join(room, new Member("c1", "carol"), null));
        assertEquals(List.of("alice", "carol"), later.members().stream().map(Member::name).toList());
    }

    @Test
    void aMemberWhoIsNotThereLeavesNothing() {
        String room = room("absent");
        Member alice = join(node(0), room, "a1", "alice");
        result(node(0).broker.leave(room, alice));
        result(node(0).broker.leave(room, alice));
        result(node(0).broker.leave(room, new Member("x1", "nobody")));
        Member bob = join(node(0), room, "b1", "bob");
        result(node(0).broker.post(room, bob, "after"));

        List<String> events = node(0).until(room, MessageType.MESSAGE, 1).stream()
                .map(e -> e.type() + " " + e.memberId()).toList();
        assertEquals(List.of("JOIN a1", "LEAVE a1", "JOIN b1", "MESSAGE b1"), events, "one leave for alice");
    }

    @Test
    void namesAreUniquePerRoomIgnoringCaseOnEveryNodeAndFreeAgainAfterALeave() {
        String room = room("names");
        Member alice = join(node(0), room, "a1", "Alice");

        assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(1).broker.join(room, new Member("a2", "aLiCe"), null)));
        assertEquals(Refusal.Kind.NAME_TAKEN, result(node(1).broker.checkJoin(room, "ALICE")).orElseThrow().kind());
        assertEquals(Optional.empty(), result(node(1).broker.checkJoin(room("elsewhere"), "alice")));

        result(node(0).broker.leave(room, alice));
        assertEquals(Optional.empty(), result(node(1).broker.checkJoin(room, "alice")));
        join(node(1), room, "a3", "alice");
    }

    @Test
    void lookAlikeNamesAreTakenOnEveryNodeAndEachMemberKeepsTheNameAsTyped() {
        String room = room("lookalike");
        join(node(0), room, "a1", "alice");

        // Cyrillic а, fullwidth ａ, Greek Α: each reads "alice"
        for (String name : List.of("\u0430lice", "\uFF41lice", "\u0391LICE")) {
            assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(1).broker.join(room, new Member("a2", name), null)), name);
            assertEquals(Refusal.Kind.NAME_TAKEN, result(node(1).broker.checkJoin(room, name)).orElseThrow().kind(),
                    name);
        }
        String room2 = room("lookalike");
        join(node(1), room2, "b1", "\u0430lice");
        assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(0).broker.join(room2, new Member("b2", "Alice"), null)));
        assertEquals("\u0430lice", json(node(0).next(room2, MessageType.JOIN, "b1")).get("member").get("name")
                .asText(), "the name is shown as typed");
    }

    @Test
    void aFullRoomRefusesTheNextMemberUntilOneLeaves() {
        String room = room("full");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MAX_MEMBERS; i++) {
            members.add(join(node(i % 2), room, "m" + i, "member" + i));
        }

        assertEquals(Refusal.Kind.ROOM_FULL, refusal(node(1).broker.join(room, new Member("x1", "extra"), null)));
        assertEquals(Refusal.Kind.ROOM_FULL, result(node(0).broker.checkJoin(room, "extra")).orElseThrow().kind());

        result(node(0).broker.leave(room, members.get(0)));
        join(node(1), room, "x2", "extra");
    }

    @Test
    void aPersonsSessionsOnTwoNodesAreOnePresenceAnnouncedAtTheFirstJoinAndTheLastLeave() {
        String room = room("person");
        Member watcher = join(node(0), room, "w1", "watcher");
        Member alice = new Member("p-alice", "alice");

        Joined first = result(node(0).broker.join(room, alice, "s1", null));
        assertEquals(1, first.sessionsOf(alice));
        Joined second = result(node(1).broker.join(room, alice, "s2", null));
        assertEquals(List.of(watcher, alice), second.members(), "one entry per person");
        assertEquals(2, second.sessionsOf(alice));
        assertEquals(1, second.sessionsOf(watcher));
        assertEquals(List.of(watcher, alice), result(node(1).broker.members(room)));

        result(node(0).broker.leave(room, alice, "s1"));
        result(node(0).broker.post(room, watcher, "after the first leave"));
        result(node(1).broker.leave(room, alice, "s2"));
        result(node(0).broker.post(room, watcher, "after the last leave"));

        assertEquals(List.of("JOIN w1", "JOIN p-alice", "MESSAGE w1", "LEAVE p-alice", "MESSAGE w1"),
                events(node(0), room, 2), "one join and one leave for alice's two sessions");
        assertEquals(List.of(watcher), result(node(1).broker.members(room)));
    }

    @Test
    void aSessionThatJoinsTwiceCountsOnce() {
        String room = room("same-session");
        Member alice = new Member("p-alice", "alice");
        result(node(0).broker.join(room, alice, "s1", null));

        Joined again = result(node(0).broker.join(room, alice, "s1", null));
        assertEquals(1, again.sessionsOf(alice));
        assertEquals(List.of(alice), again.members());
        result(node(0).broker.leave(room, alice, "s1"));

        assertEquals(List.of("JOIN p-alice", "LEAVE p-alice"), events(node(0), room, MessageType.LEAVE, 1),
                "its one leave is the person's last");
    }

    @Test
    void aNameHeldByOnePersonIsTakenForAnotherWhateverTheNode() {
        String room = room("person-names");
        result(node(0).broker.join(room, new Member("p-alice", "Alice"), "s1", null));

        assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(1).broker.join(room, new Member("p-other", "alice"), "s2",
                null)));
        assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(0).broker.join(room, new Member("p-other", "ALICE"), "s3",
                null)));
    }

    @Test
    void aV1MemberAndAV2PersonOfOneNameExcludeEachOther() {
        String v1First = room("v1-first");
        join(node(0), v1First, "c1", "alice");
        assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(1).broker.join(v1First, new Member("p-alice", "alice"),
                "s1", null)));

        String v2First = room("v2-first");
        result(node(0).broker.join(v2First, new Member("p-alice", "alice"), "s1", null));
        assertEquals(Refusal.Kind.NAME_TAKEN, refusal(node(1).broker.join(v2First, new Member("c1", "alice"), null)));
    }

    @Test
    void aLaterSessionStartsAtTheRoomsLastEventAndReceivesTheNext() {
        String room = room("later-session");
        Node later = node(1); // listening from the start
        Member alice = new Member("p-alice", "alice");
        result(node(0).broker.join(room, alice, "s1", null));
        result(node(0).broker.post(room, alice, "one"));

        Joined joined = result(later.broker.join(room, alice, "s2", null));
        result(node(0).broker.post(room, alice, "two"));

        List<RoomEvent> heard = later.until(room, MessageType.MESSAGE, 2);
        assertEquals(List.of("JOIN p-alice", "MESSAGE p-alice", "MESSAGE p-alice"), heard.stream()
                .map(e -> e.type() + " " + e.memberId()).toList(), "no event for the later session");
        assertEquals(heard.get(1).seq(), joined.seq(), "the room's last event when it joined");
        assertEquals("two", json(heard.get(2)).get("text").asText());
        assertTrue(heard.get(2).seq() > joined.seq(), "the next event is after its seq");
    }

    @Test
    void aFullRoomCountsPersonsNotSessions() {
        String room = room("full-persons");
        List<Member> persons = new ArrayList<>();
        for (int i = 0; i < MAX_MEMBERS; i++) {
            persons.add(new Member("p" + i, "person" + i));
            result(node(i % 2).broker.join(room, persons.get(i), "s" + i, null));
        }

        Joined another = result(node(1).broker.join(room, persons.get(0), "s-more", null));
        assertEquals(2, another.sessionsOf(persons.get(0)), "a present person's next session is not refused");
        assertEquals(Refusal.Kind.ROOM_FULL, refusal(node(1).broker.join(room, new Member("x1", "extra"), "sx",
                null)));
        assertEquals(Refusal.Kind.ROOM_FULL, result(node(0).broker.checkJoin(room, "extra")).orElseThrow().kind());
    }

    @Test
    void theHistoryKeepsTheNewestMessagesOldestFirstAndOutlivesTheMembers() {
        String room = room("history");
        Member alice = join(node(0), room, "a1", "alice");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= HISTORY + 2; i++) {
            ids.add(result(node(0).broker.post(room, alice, "m" + i)).id());
        }
        result(node(0).broker.leave(room, alice));

        Joined joined = result(node(1).broker.join(room, new Member("b1", "bob"), null));

        List<ChatMessage> history = joined.history();
        assertEquals(List.of("m3", "m4", "m5"), history.stream().map(ChatMessage::text).toList());
        assertEquals(ids.subList(2, 5), history.stream().map(ChatMessage::id).toList());
        assertEquals("alice", history.get(0).from().name());
        assertEquals(null, joined.resume(), "no resume asked for");
    }

    @Test
    void resumingGetsExactlyWhatWasMissedOrSaysWhyNot() {
        String room = room("resume");
        Member alice = join(node(0), room, "a1", "alice");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= HISTORY + 2; i++) {
            ids.add(result(node(0).broker.post(room, alice, "m" + i)).id());
        }

        assertResume(room, ids.get(1), List.of("m3", "m4", "m5"), Joined.Resume.RECOVERED);
        assertResume(room, ids.get(4), List.of(), Joined.Resume.RECOVERED);
        assertResume(room, ids.get(0), List.of("m3", "m4", "m5"), Joined.Resume.TOO_OLD);
        MessageId ahead = new MessageId(MessageId.parse(ids.get(4)).ms() + 60_000, 0);
        assertResume(room, ahead.toString(), List.of(), Joined.Resume.UNKNOWN);
        assertResume(room("never-used"), MessageId.ZERO.toString(), List.of(), Joined.Resume.RECOVERED);
    }

    @Test
    void anIdOlderThanEveryMessageOfAnUntrimmedHistoryIsNotRecovered() {
        // Such an id is from a history that is gone (the room's keys expired, or it was evicted) or from elsewhere.
        String room = room("before-history");
        Member alice = join(node(0), room, "a1", "alice");
        MessageId first = MessageId.parse(result(node(0).broker.post(room, alice, "m1")).id());
        result(node(0).broker.post(room, alice, "m2"));

        assertResume(room, new MessageId(first.ms() - 1, 0).toString(), List.of("m1", "m2"), Joined.Resume.UNKNOWN);
        assertResume(room, MessageId.ZERO.toString(), List.of("m1", "m2"), Joined.Resume.RECOVERED);
    }

    /** Joins {@code room} on node 1 resuming after {@code since}, checks what it got, and leaves again. */
    private void assertResume(String room, String since, List<String> expected, Joined.Resume resume) {
        Member resumer = new Member("r-" + since, "resumer");
        Joined joined = result(node(1).broker.join(room, resumer, MessageId.parse(since)));
        assertEquals(expected, texts(joined), () -> "after " + since);
        assertEquals(resume, joined.resume(), () -> "after " + since);
        result(node(1).broker.leave(room, resumer));
    }

    @Test
    void anEditByItsAuthorIsAnnouncedOnEveryNodeAndEveryReadOfHistoryShowsIt() {
        String room = room("edit");
        Member alice = join(node(0), room, "a1", "alice");
        ChatMessage posted = result(node(0).broker.post(room, alice, "helo"));

        // alice's other session, on the other node
        JsonNode edited = doneAndHeardAtBrokersNow(() -> node(1).broker.edit(room, alice, id(posted), "hello"),
                room, MessageType.EDITED, "a1", "editedAt");
        long editedAt = edited.get("editedAt").asLong();
        assertEquals(MAPPER.valueToTree(new Edited(room, posted.id(), "hello", editedAt)), edited);

        ChatMessage current = posted.edited("hello", editedAt);
        assertEquals(List.of(current), result(node(1).broker.history(room, null, 10)), "scroll-back");
        assertEquals(List.of(current), result(node(1).broker.join(room, new Member("b1", "bob"), null)).history(),
                "a joiner's history");
        assertEquals(List.of(current), result(node(1).broker.join(room, new Member("c1", "carol"), MessageId.ZERO))
                .history(), "a resume's history");
        assertEquals(Change.DONE, result(node(0).broker.edit(room, alice, id(posted), "hello!")), "edited again");
        assertEquals("hello!", result(node(1).broker.history(room, null, 10)).get(0).text());
    }

    @Test
    void onlyTheAuthorEditsOnlyAMessageThatIsThereAndNothingElseIsAnnounced() {
        String room = room("edit-refused");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        ChatMessage posted = result(node(0).broker.post(room, alice, "mine"));

        assertEquals(Change.FORBIDDEN, result(node(1).broker.edit(room, bob, id(posted), "yours")));
        assertEquals(Change.NOT_FOUND, result(node(1).broker.edit(room, alice, after(posted), "no such id")));
        assertEquals(Change.DONE, result(node(0).broker.retract(room, alice, id(posted))));
        assertEquals(Change.NOT_FOUND, result(node(1).broker.edit(room, alice, id(posted), "a tombstone")));

        assertEquals(List.of("JOIN a1", "JOIN b1", "MESSAGE a1", "DELETED a1", "MESSAGE b1"),
                eventsThroughNextPost(room, bob), "only the delete was announced");
        assertEquals(posted.tombstone(), result(node(0).broker.history(room, null, 10)).get(0));
    }

    @Test
    void anAuthorsDeleteLeavesATombstoneWithoutTextOrReactionsEverywhereAndIsAnnounced() {
        String room = room("retract");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        ChatMessage keep = result(node(0).broker.post(room, alice, "keep"));
        ChatMessage oops = postWithState(room, alice, "oops", "oops!", bob, "👍");
        long editedAt = json(node(0).next(room, MessageType.EDITED, "a1")).get("editedAt").asLong();

        assertEquals(Change.FORBIDDEN, result(node(1).broker.retract(room, bob, id(oops))));
        assertEquals(Change.NOT_FOUND, result(node(1).broker.retract(room, alice, after(oops))));
        JsonNode deleted = doneAndHeardAtBrokersNow(() -> node(1).broker.retract(room, alice, id(oops)),
                room, MessageType.DELETED, "a1", "ts");
        assertEquals(MAPPER.valueToTree(new Deleted(room, oops.id(), deleted.get("ts").asLong())), deleted);

        ChatMessage tombstone = result(node(1).broker.history(room, null, 10)).get(1);
        assertEquals(null, tombstone.text());
        assertTrue(tombstone.isDeleted());
        assertEquals(null, tombstone.reactions(), "its reactions went with it");
        assertEquals(oops.edited("oops!", editedAt).tombstone(), tombstone);
        assertEquals(List.of(keep, tombstone), result(node(1).broker.join(room, new Member("c1", "carol"), null))
                .history(), "tombstones are in a joiner's history");
        assertEquals(Change.NOT_FOUND, result(node(0).broker.retract(room, alice, id(oops))), "deleted already");
        assertEquals(Change.NOT_FOUND, result(node(1).broker.react(room, bob, id(oops), "👍", false)));
        assertEquals(Change.DONE, result(node(1).broker.read(room, bob, id(oops))), "a tombstone is still there");
    }

    @Test
    void reactionsAreKeptPerEmojiInOrderOfReactingAndEveryRealChangeIsAnnounced() {
        String room = room("react");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        Member carol = join(node(1), room, "c1", "carol");
        ChatMessage posted = result(node(0).broker.post(room, alice, "lunch?"));

        assertEquals(Change.DONE, result(node(1).broker.react(room, bob, id(posted), "👍", true)));
        assertEquals(MAPPER.valueToTree(new Reaction(room, posted.id(), "👍", bob, true)),
                json(node(0).next(room, MessageType.REACTION, "b1")), "heard on the other node");
        assertEquals(Change.DONE, result(node(0).broker.react(room, alice, id(posted), "❤️", true)));
        assertEquals(Change.DONE, result(node(1).broker.react(room, carol, id(posted), "👍", true)));
        assertEquals(Change.UNCHANGED, result(node(0).broker.react(room, bob, id(posted), "👍", true)), "there");
        assertEquals(Change.UNCHANGED, result(node(1).broker.react(room, alice, id(posted), "👍", false)), "not there");
        assertEquals(Change.NOT_FOUND, result(node(1).broker.react(room, alice, after(posted), "👍", true)));
        assertEquals(List.of("REACTION a1", "REACTION c1", "MESSAGE c1"), eventsThroughNextPost(room, carol),
                "each real change once, in order; nothing for the unchanged");
        assertEquals(reactions("👍", List.of("b1", "c1"), "❤️", List.of("a1")),
                result(node(0).broker.history(room, null, 10)).get(0).reactions());

        assertEquals(Change.DONE, result(node(1).broker.react(room, bob, id(posted), "👍", false)));
        assertEquals(MAPPER.valueToTree(new Reaction(room, posted.id(), "👍", bob, false)),
                json(node(0).next(room, MessageType.REACTION, "b1")));
        assertEquals(Change.DONE, result(node(0).broker.react(room, alice, id(posted), "❤️", false)));
        Map<String, List<String>> left = reactions("👍", List.of("c1"));
        assertEquals(left, result(node(1).broker.history(room, null, 10)).get(0).reactions(),
                "an emoji with nobody left is gone");
        result(node(1).broker.leave(room, bob)); // room for one more: MAX_MEMBERS
        assertEquals(left, result(node(0).broker.join(room, new Member("d1", "dave"), MessageId.ZERO)).history()
                .get(0).reactions(), "a resume shows them too");
    }

    @Test
    void aMessageHoldsAtMostTwentyDifferentEmojiButMoreOfTheSameOne() {
        String room = room("emoji");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        ChatMessage posted = result(node(0).broker.post(room, alice, "vote"));
        List<String> emoji = new ArrayList<>();
        for (int i = 0; i <= Change.MAX_EMOJI; i++) {
            emoji.add(Character.toString(0x1F600 + i));
        }
        for (int i = 0; i < Change.MAX_EMOJI; i++) {
            assertEquals(Change.DONE, result(node(i % 2).broker.react(room, alice, id(posted), emoji.get(i), true)));
        }

        String extra = emoji.get(Change.MAX_EMOJI);
        assertEquals(Change.TOO_MANY_EMOJI, result(node(1).broker.react(room, bob, id(posted), extra, true)));
        assertEquals(Change.DONE, result(node(1).broker.react(room, bob, id(posted), emoji.get(0), true)),
                "one more person on an emoji it holds");
        assertEquals(Change.DONE, result(node(0).broker.react(room, alice, id(posted), emoji.get(5), false)));
        assertEquals(Change.DONE, result(node(1).broker.react(room, bob, id(posted), extra, true)), "room again");
        Map<String, List<String>> reactions = result(node(1).broker.history(room, null, 1)).get(0).reactions();
        assertEquals(Change.MAX_EMOJI, reactions.size());
        assertEquals(List.of("a1", "b1"), reactions.get(emoji.get(0)));
        assertEquals(extra, List.copyOf(reactions.keySet()).get(Change.MAX_EMOJI - 1), "the newest emoji is last");
    }

    @Test
    void aReadMarkerIsAnnouncedNeverMovesBackAndComesBackWithALaterJoinOnAnotherNode() {
        String room = room("read");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        List<ChatMessage> posted = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            posted.add(result(node(0).broker.post(room, alice, "m" + i)));
        }

        assertEquals(Change.DONE, result(node(1).broker.read(room, bob, id(posted.get(1)))));
        assertEquals(MAPPER.valueToTree(new ReadMarker(room, bob, posted.get(1).id())),
                json(node(0).next(room, MessageType.READ, "b1")), "heard on the other node");
        assertEquals(Change.UNCHANGED, result(node(0).broker.read(room, bob, id(posted.get(0)))), "never backwards");
        assertEquals(Change.UNCHANGED, result(node(0).broker.read(room, bob, id(posted.get(1)))), "there already");
        assertEquals(Change.NOT_FOUND, result(node(1).broker.read(room, bob, after(posted.get(2)))));
        assertEquals(List.of("MESSAGE b1"), eventsThroughNextPost(room, bob), "nothing announced for those");

        result(node(1).broker.leave(room, bob));
        Joined again = result(node(0).broker.join(room, bob, null));
        assertEquals(id(posted.get(1)), again.read(), "bob's marker, on the other node");
        assertEquals(null, result(node(1).broker.join(room, new Member("c1", "carol"), null)).read(), "none yet");
        assertEquals(Change.DONE, result(node(0).broker.read(room, bob, id(posted.get(2)))));
        result(node(0).broker.leave(room, bob));
        assertEquals(id(posted.get(2)), result(node(1).broker.join(room, bob, null)).read());
    }

    @Test
    void typingIsRelayedToEveryNodeAndNothingIsKept() {
        String room = room("typing");
        join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        OutboundFrame frame = OutboundFrame.text(MAPPER.valueToTree(new Typing(room, bob)).toString());

        result(node(1).broker.typing(room, bob, frame));
        RoomEvent typing = node(0).next(room, MessageType.TYPING, "b1");
        assertEquals(frame.text(), typing.frame().text(), "the frame as given");
        assertEquals(List.of(), result(node(0).broker.history(room, null, 10)));
        assertEquals(List.of(), result(node(0).broker.join(room, new Member("c1", "carol"), null)).history());
    }

    @Test
    void scrollBackReachesBeyondTheWelcomeAndShowsTheCurrentState() {
        String room = room("scroll");
        Member alice = join(node(0), room, "a1", "alice");
        List<ChatMessage> posted = new ArrayList<>();
        for (int i = 1; i <= HISTORY + 3; i++) {
            posted.add(result(node(0).broker.post(room, alice, "m" + i)));
        }
        assertEquals(Change.DONE, result(node(0).broker.edit(room, alice, id(posted.get(1)), "m2 edited")));
        long editedAt = json(node(0).next(room, MessageType.EDITED, "a1")).get("editedAt").asLong();

        Joined joined = result(node(1).broker.join(room, new Member("b1", "bob"), null));
        assertEquals(posted.subList(3, HISTORY + 3), joined.history(), "the welcome: the last " + HISTORY);
        List<ChatMessage> older = result(node(1).broker.history(room, id(joined.history().get(0)), 10));
        assertEquals(List.of(posted.get(0), posted.get(1).edited("m2 edited", editedAt), posted.get(2)), older);
        assertEquals(List.of(posted.get(0)), result(node(1).broker.history(room, id(posted.get(1)), 5)));
    }

    @Test
    void theServersDeleteErasesTheMessageWithItsState() {
        String room = room("erase");
        Member alice = join(node(0), room, "a1", "alice");
        Member bob = join(node(1), room, "b1", "bob");
        ChatMessage keep = result(node(0).broker.post(room, alice, "keep"));
        ChatMessage gone = postWithState(room, alice, "gone", "gone!", bob, "👎");

        assertTrue(result(node(1).broker.delete(room, id(gone))));
        assertEquals(List.of(keep), result(node(0).broker.history(room, null, 10)));
        assertEquals(Change.NOT_FOUND, result(node(0).broker.edit(room, alice, id(gone), "again")));
        assertEquals(Change.NOT_FOUND, result(node(1).broker.react(room, bob, id(gone), "👎", false)));
        assertEquals(Change.NOT_FOUND, result(node(1).broker.read(room, bob, id(gone))), "erased: not held");
        assertEquals(Change.NOT_FOUND, result(node(0).broker.retract(room, alice, id(gone))));
    }

    @Test
    void aRunningBrokerIsAvailable() {
        assertTrue(node(0).broker.available());
    }

    /** The events of {@code room} {@code node} heard, as "TYPE memberId", up to the {@code messages}-th message. */
    protected static List<String> events(Node node, String room, int messages) {
        return events(node, room, MessageType.MESSAGE, messages);
    }

    /** The events of {@code room} {@code node} heard, as "TYPE memberId", up to the {@code count}-th {@code type}. */
    protected static List<String> events(Node node, String room, MessageType type, int count) {
        return node.until(room, type, count).stream().map(e -> e.type() + " " + e.memberId()).toList();
    }

    /** Joins {@code name} to {@code room} on {@code node}, which must succeed. */
    protected static Member join(Node node, String room, String id, String name) {
        Member member = new Member(id, name);
        result(node.broker.join(room, member, null));
        return member;
    }

    protected static <T> T result(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The kind of refusal {@code stage} fails with. */
    protected static Refusal.Kind refusal(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Refusal refusal = RefusedException.of(new CompletionException(e.getCause()));
            assertNotNull(refusal, () -> "failed, but not with a refusal: " + e.getCause());
            return refusal.kind();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal, but it succeeded");
    }

    protected static MessageId id(ChatMessage message) {
        return MessageId.parse(message.id());
    }

    /** An id right after {@code message}'s that no message has. */
    protected static MessageId after(ChatMessage message) {
        MessageId id = id(message);
        return new MessageId(id.ms(), id.seq() + 1);
    }

    private static Map<String, List<String>> reactions(Object... emojiThenPersons) {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        for (int i = 0; i < emojiThenPersons.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> persons = (List<String>) emojiThenPersons[i + 1];
            reactions.put((String) emojiThenPersons[i], persons);
        }
        return reactions;
    }

    /**
     * Posts a message as {@code poster} on node 0 and returns the room's events node 0 hears up to it, as "TYPE
     * memberId": what was announced since the events already taken.
     */
    private List<String> eventsThroughNextPost(String room, Member poster) {
        String id = result(node(0).broker.post(room, poster, "marker")).id();
        return node(0).through(room, id).stream().map(e -> e.type() + " " + e.memberId()).toList();
    }

    /**
     * Posts {@code text} on node 0 and gives it state from both nodes: its author's edit to {@code edit} on node 0 and
     * {@code reactor}'s {@code emoji} on node 1. Returns the message as posted.
     */
    private ChatMessage postWithState(String room, Member author, String text, String edit, Member reactor,
            String emoji) {
        ChatMessage posted = result(node(0).broker.post(room, author, text));
        assertEquals(Change.DONE, result(node(0).broker.edit(room, author, id(posted), edit)));
        assertEquals(Change.DONE, result(node(1).broker.react(room, reactor, id(posted), emoji, true)));
        return posted;
    }

    /**
     * Makes {@code change}, which must be done, and returns the frame of the {@code type} event about {@code memberId}
     * that node 0 hears of it, once its {@code field} is checked to be the broker's now (a time within the call).
     */
    private JsonNode doneAndHeardAtBrokersNow(Supplier<CompletionStage<Change>> change, String room, MessageType type,
            String memberId, String field) {
        long before = System.currentTimeMillis();
        assertEquals(Change.DONE, result(change.get()));
        long after = System.currentTimeMillis();
        JsonNode frame = json(node(0).next(room, type, memberId));
        long at = frame.get(field).asLong();
        assertTrue(at >= before && at <= after, () -> field + " " + at + " is the broker's now");
        return frame;
    }

    private static List<String> texts(Joined joined) {
        return joined.history().stream().map(ChatMessage::text).toList();
    }

    protected static JsonNode json(RoomEvent event) {
        try {
            return MAPPER.readTree(event.frame().text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One node of the cluster under test and the room events it has heard. */
    protected static final class Node {
        private final LinkedBlockingQueue<RoomEvent> heard = new LinkedBlockingQueue<>();
        private Broker broker;

        public Broker broker() {
            return broker;
        }

        /** Where the node's broker hands its events. */
        public void hear(RoomEvent event) {
            heard.add(event);
        }

        /** The events of {@code room} up to the {@code count}-th of {@code type}, in order; other rooms' are skipped. */
        public List<RoomEvent> until(String room, MessageType type, int count) {
            List<RoomEvent> events = new ArrayList<>();
            int seen = 0;
            while (seen < count) {
                RoomEvent event = poll();
                if (event.room().equals(room)) {
                    events.add(event);
                    if (event.type() == type) {
                        seen++;
                    }
                }
            }
            return events;
        }

        /** The events of {@code room} up to the message {@code messageId}, in order; other rooms' are skipped. */
        public List<RoomEvent> through(String room, String messageId) {
            List<RoomEvent> events = new ArrayList<>();
            while (true) {
                RoomEvent event = poll();
                if (event.room().equals(room)) {
                    events.add(event);
                    if (event.type() == MessageType.MESSAGE && messageId.equals(json(event).get("id").asText())) {
                        return events;
                    }
                }
            }
        }

        /** The next event of {@code room} of {@code type} about {@code memberId}, skipping others. */
        public RoomEvent next(String room, MessageType type, String memberId) {
            while (true) {
                RoomEvent event = poll();
                if (event.room().equals(room) && event.type() == type && event.memberId().equals(memberId)) {
                    return event;
                }
            }
        }

        private RoomEvent poll() {
            try {
                RoomEvent event = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(event, "no room event within " + WAIT_SECONDS + " s");
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
