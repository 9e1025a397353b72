package org.acme.chat.broker.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Census;
import org.acme.chat.broker.Change;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.NameKey;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.broker.Reactions;
import org.acme.chat.broker.RoomPage;
import org.acme.chat.history.HistoryStore;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Deleted;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Presence;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.protocol.v2.Edited;
import org.acme.chat.protocol.v2.Reaction;
import org.acme.chat.protocol.v2.ReadMarker;
import org.acme.chat.tracing.ChatTracing;

/**
 * The broker of a single node ({@code chat.broker=memory}): presence and history in this process, events handed to
 * the listener on the caller's thread. A room's roster lock orders its events; every stage it returns is already
 * complete.
 */
public final class MemoryBroker implements Broker {

    private final ConcurrentMap<String, Roster> rosters = new ConcurrentHashMap<>();
    private final HistoryStore history;
    private final EventEncoder encoder;
    private final Clock clock;
    private final int maxMembersPerRoom;
    private final MemoryBans bans;
    private final ChatTracing tracing;
    private volatile Consumer<RoomEvent> listener = event -> {
    };

    /** A post's two steps are traced as {@code chat.store} and {@code chat.publish} when {@code tracing} is on. */
    public MemoryBroker(HistoryStore history, EventEncoder encoder, Clock clock, int maxMembersPerRoom,
            ChatTracing tracing) {
        this.history = history;
        this.encoder = encoder;
        this.clock = clock;
        this.maxMembersPerRoom = maxMembersPerRoom;
        this.bans = new MemoryBans(clock);
        this.tracing = tracing;
    }

    /** Without traces. */
    public MemoryBroker(HistoryStore history, EventEncoder encoder, Clock clock, int maxMembersPerRoom) {
        this(history, encoder, clock, maxMembersPerRoom, ChatTracing.OFF);
    }

    @Override
    public void deliverTo(Consumer<RoomEvent> listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Joined> join(String room, Member person, String session, MessageId since) {
        while (true) {
            Roster roster = rosters.computeIfAbsent(room, r -> new Roster());
            synchronized (roster) {
                if (roster.detached) {
                    continue; // emptied and removed meanwhile: take the room's new roster
                }
                String key = NameKey.of(person.name());
                if (bans.isBanned(room, key)) {
                    return CompletableFuture.failedFuture(new RefusedException(Refusal.banned(room)));
                }
                Present present = roster.members.get(key);
                if (present != null && !present.person.id().equals(person.id())) {
                    return CompletableFuture.failedFuture(new RefusedException(Refusal.nameTaken(room, person.name())));
                }
                long seq;
                if (present != null) {
                    present.sessions.add(session); // the person is here already: no event
                    seq = roster.seq;
                } else {
                    if (roster.members.size() >= maxMembersPerRoom) {
                        return CompletableFuture.failedFuture(new RefusedException(Refusal.roomFull(room)));
                    }
                    roster.members.put(key, new Present(person, session));
                    if (roster.members.size() == 1) {
                        history.occupied(room);
                    }
                    seq = announce(roster, room, MessageType.JOIN, person.id(),
                            encoder.frame(Presence.join(room, person, clock.millis())));
                }
                return CompletableFuture.completedFuture(joined(room, person, since, roster, seq));
            }
        }
    }

    private Joined joined(String room, Member person, MessageId since, Roster roster, long seq) {
        List<Member> members = new ArrayList<>(roster.members.size());
        Map<String, Integer> sessions = new HashMap<>();
        for (Present present : roster.members.values()) {
            members.add(present.person);
            sessions.put(present.person.id(), present.sessions.size());
        }
        MessageId read = history.readMarker(room, person.id());
        if (since == null) {
            return new Joined(members, history.recent(room), seq, null, sessions, read);
        }
        HistoryStore.Since missed = history.since(room, since);
        Joined.Resume resume = switch (missed.gap()) {
            case NONE -> Joined.Resume.RECOVERED;
            case TOO_OLD -> Joined.Resume.TOO_OLD;
            case UNKNOWN -> Joined.Resume.UNKNOWN;
        };
        return new Joined(members, missed.messages(), seq, resume, sessions, read);
    }

    @Override
    public CompletionStage<Void> leave(String room, Member person, String session) {
        Roster roster = rosters.get(room);
        if (roster != null) {
            synchronized (roster) {
                String key = NameKey.of(person.name());
                Present present = roster.members.get(key);
                if (!roster.detached && present != null && present.person.id().equals(person.id())
                        && present.sessions.remove(session) && present.sessions.isEmpty()) {
                    roster.members.remove(key);
                    announce(roster, room, MessageType.LEAVE, person.id(),
                            encoder.frame(Presence.leave(room, person, clock.millis())));
                    if (roster.members.isEmpty()) {
                        history.vacated(room);
                        detach(room, roster);
                    }
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        Roster roster = rosters.get(room);
        if (roster == null) {
            return CompletableFuture.failedFuture(notInRoom(from));
        }
        synchronized (roster) {
            Present present = roster.members.get(NameKey.of(from.name()));
            if (roster.detached || present == null || !present.person.id().equals(from.id())) {
                return CompletableFuture.failedFuture(notInRoom(from));
            }
            ChatMessage message;
            try (ChatTracing.Step store = tracing.step("chat.store")) {
                message = history.append(room, from, text, clock.millis());
            }
            try (ChatTracing.Step publish = tracing.step("chat.publish")) {
                announce(roster, room, MessageType.MESSAGE, from.id(), encoder.frame(message));
            }
            return CompletableFuture.completedFuture(message);
        }
    }

    @Override
    public CompletionStage<ChatMessage> publish(String room, Member from, String text) {
        return CompletableFuture.completedFuture(underRoster(room, roster -> {
            ChatMessage message = history.append(room, from, text, clock.millis());
            announce(roster, room, MessageType.MESSAGE, from.id(), encoder.frame(message));
            return message;
        }));
    }

    @Override
    public CompletionStage<Boolean> delete(String room, MessageId id) {
        return CompletableFuture.completedFuture(underRoster(room, roster -> {
            if (!history.delete(room, id)) {
                return false;
            }
            announce(roster, room, MessageType.DELETED, "", encoder.frame(new Deleted(room, id.toString(),
                    clock.millis())));
            return true;
        }));
    }

    @Override
    public CompletionStage<Change> edit(String room, Member person, MessageId id, String text) {
        return change(room, person, id, true, (roster, message) -> {
            long now = clock.millis();
            history.replace(room, message.edited(text, now));
            announce(roster, room, MessageType.EDITED, person.id(),
                    encoder.frame(new Edited(room, message.id(), text, now)));
            return Change.DONE;
        });
    }

    @Override
    public CompletionStage<Change> retract(String room, Member person, MessageId id) {
        return change(room, person, id, true, (roster, message) -> {
            history.replace(room, message.tombstone());
            announce(roster, room, MessageType.DELETED, person.id(),
                    encoder.frame(new Deleted(room, message.id(), clock.millis())));
            return Change.DONE;
        });
    }

    @Override
    public CompletionStage<Change> react(String room, Member person, MessageId id, String emoji, boolean on) {
        return change(room, person, id, false, (roster, message) -> {
            Map<String, List<String>> reactions = Reactions.toggle(message.reactions(), emoji, person.id(), on);
            if (reactions == null) {
                return Change.UNCHANGED;
            }
            if (reactions.size() > Change.MAX_EMOJI) {
                return Change.TOO_MANY_EMOJI;
            }
            history.replace(room, message.withReactions(reactions));
            announce(roster, room, MessageType.REACTION, person.id(),
                    encoder.frame(new Reaction(room, message.id(), emoji, person, on)));
            return Change.DONE;
        });
    }

    @Override
    public CompletionStage<Change> read(String room, Member person, MessageId id) {
        return CompletableFuture.completedFuture(underRoster(room, roster -> {
            if (history.get(room, id) == null) {
                return Change.NOT_FOUND;
            }
            MessageId marker = history.readMarker(room, person.id());
            if (marker != null && marker.compareTo(id) >= 0) {
                return Change.UNCHANGED;
            }
            history.markRead(room, person.id(), id);
            announce(roster, room, MessageType.READ, person.id(),
                    encoder.frame(new ReadMarker(room, person, id.toString())));
            return Change.DONE;
        }));
    }

    @Override
    public CompletionStage<Void> typing(String room, Member person, OutboundFrame frame) {
        Roster roster = rosters.get(room);
        if (roster != null) {
            synchronized (roster) {
                if (!roster.detached) {
                    announce(roster, room, MessageType.TYPING, person.id(), frame);
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Applies {@code change} to message {@code id} under the room's lock, once it is found (and is no tombstone) and,
     * when {@code authorOnly}, written by {@code person}.
     */
    private CompletionStage<Change> change(String room, Member person, MessageId id, boolean authorOnly,
            BiFunction<Roster, ChatMessage, Change> change) {
        return CompletableFuture.completedFuture(underRoster(room, roster -> {
            ChatMessage message = history.get(room, id);
            if (message == null || message.isDeleted()) {
                return Change.NOT_FOUND;
            }
            if (authorOnly && !message.from().id().equals(person.id())) {
                return Change.FORBIDDEN;
            }
            return change.apply(roster, message);
        }));
    }

    @Override
    public CompletionStage<Boolean> kick(String room, String name, String reason) {
        String key = NameKey.of(name);
        return CompletableFuture.completedFuture(underRoster(room, roster -> {
            if (!roster.members.containsKey(key)) {
                return false;
            }
            long seq = ++roster.seq;
            listener.accept(new RoomEvent(room, seq, MessageType.REMOVED, key, null, reason));
            return true;
        }));
    }

    @Override
    public CompletionStage<Boolean> ban(String room, String name, Duration duration, String reason) {
        String key = NameKey.of(name);
        return CompletableFuture.completedFuture(underRoster(room, roster -> {
            bans.ban(room, key, duration.toMillis());
            return null;
        })).thenCompose(banned -> kick(room, name, reason));
    }

    @Override
    public CompletionStage<Boolean> unban(String room, String name) {
        return CompletableFuture.completedFuture(bans.lift(room, NameKey.of(name)));
    }

    @Override
    public CompletionStage<RoomPage> rooms(String prefix, String after, int limit) {
        List<RoomPage.RoomCount> counts = rosters.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && (after == null || e.getKey().compareTo(after) > 0))
                .map(e -> new RoomPage.RoomCount(e.getKey(), e.getValue().size()))
                .filter(count -> count.members() > 0)
                .sorted(Comparator.comparing(RoomPage.RoomCount::room))
                .limit(limit + 1L)
                .toList();
        boolean more = counts.size() > limit;
        List<RoomPage.RoomCount> page = more ? counts.subList(0, limit) : counts;
        return CompletableFuture.completedFuture(new RoomPage(page, more ? page.get(page.size() - 1).room() : null));
    }

    @Override
    public CompletionStage<List<Member>> members(String room) {
        Roster roster = rosters.get(room);
        if (roster == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        synchronized (roster) {
            return CompletableFuture.completedFuture(roster.members.values().stream().map(p -> p.person).toList());
        }
    }

    @Override
    public CompletionStage<List<ChatMessage>> history(String room, MessageId before, int limit) {
        return CompletableFuture.completedFuture(history.before(room, before, limit));
    }

    @Override
    public CompletionStage<Census> census(Census.NodeStats self, Duration staleAfter) {
        return CompletableFuture.completedFuture(new Census(List.of(self), rosters.size()));
    }

    @Override
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        Roster roster = rosters.get(room);
        if (roster == null) {
            return CompletableFuture.completedFuture(bans.isBanned(room, NameKey.of(name))
                    ? Optional.of(Refusal.banned(room)) : Optional.empty());
        }
        synchronized (roster) {
            if (bans.isBanned(room, NameKey.of(name))) {
                return CompletableFuture.completedFuture(Optional.of(Refusal.banned(room)));
            }
            if (roster.members.containsKey(NameKey.of(name))) {
                return CompletableFuture.completedFuture(Optional.of(Refusal.nameTaken(room, name)));
            }
            return CompletableFuture.completedFuture(roster.members.size() >= maxMembersPerRoom
                    ? Optional.of(Refusal.roomFull(room)) : Optional.empty());
        }
    }

    /**
     * Runs {@code action} under the room's roster lock, with a roster made for the purpose when the room has no
     * members (and dropped again after), so that what the server API does to a room is ordered with its events.
     */
    private <T> T underRoster(String room, Function<Roster, T> action) {
        while (true) {
            Roster roster = rosters.computeIfAbsent(room, r -> new Roster());
            synchronized (roster) {
                if (roster.detached) {
                    continue;
                }
                try {
                    return action.apply(roster);
                } finally {
                    if (roster.members.isEmpty()) {
                        detach(room, roster);
                    }
                }
            }
        }
    }

    private void detach(String room, Roster roster) {
        roster.detached = true;
        rosters.remove(room, roster);
    }

    /** A post from a member who is not (or no longer) in the room; the message names no room (it may be logged). */
    private static IllegalStateException notInRoom(Member from) {
        return new IllegalStateException("connection " + from.id() + " is not a member of the room it posted to");
    }

    /** Numbers the event and hands it to the listener, under the roster's lock. */
    private long announce(Roster roster, String room, MessageType type, String memberId, OutboundFrame frame) {
        long seq = ++roster.seq;
        listener.accept(new RoomEvent(room, seq, type, memberId, frame));
        return seq;
    }

    /** A person in a room and their sessions there. */
    private static final class Present {
        private final Member person;
        private final Set<String> sessions = new HashSet<>();

        Present(Member person, String session) {
            this.person = person;
            sessions.add(session);
        }
    }

    /** One room's persons by name key, in order of arrival, and its event counter. */
    private static final class Roster {
        private final Map<String, Present> members = new LinkedHashMap<>();
        private long seq;
        private boolean detached;

        /** Members now; read by listings without the lock, so it may be a moment old. */
        int size() {
            synchronized (this) {
                return members.size();
            }
        }
    }
}
