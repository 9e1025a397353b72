package org.acme.chat.broker.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.NameKey;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.history.HistoryStore;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Presence;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
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
    public CompletionStage<Joined> join(String room, Member member, MessageId since) {
        while (true) {
            Roster roster = rosters.computeIfAbsent(room, r -> new Roster());
            synchronized (roster) {
                if (roster.detached) {
                    continue; // emptied and removed meanwhile: take the room's new roster
                }
                String key = NameKey.of(member.name());
                if (roster.members.containsKey(key)) {
                    return CompletableFuture.failedFuture(new RefusedException(Refusal.nameTaken(room, member.name())));
                }
                if (roster.members.size() >= maxMembersPerRoom) {
                    return CompletableFuture.failedFuture(new RefusedException(Refusal.roomFull(room)));
                }
                roster.members.put(key, member);
                if (roster.members.size() == 1) {
                    history.occupied(room);
                }
                long seq = announce(roster, room, MessageType.JOIN, member.id(),
                        encoder.frame(Presence.join(room, member, clock.millis())));
                List<Member> members = new ArrayList<>(roster.members.values());
                if (since == null) {
                    return CompletableFuture.completedFuture(new Joined(members, history.recent(room), seq, null));
                }
                HistoryStore.Since missed = history.since(room, since);
                Joined.Resume resume = switch (missed.gap()) {
                    case NONE -> Joined.Resume.RECOVERED;
                    case TOO_OLD -> Joined.Resume.TOO_OLD;
                    case UNKNOWN -> Joined.Resume.UNKNOWN;
                };
                return CompletableFuture.completedFuture(new Joined(members, missed.messages(), seq, resume));
            }
        }
    }

    @Override
    public CompletionStage<Void> leave(String room, Member member) {
        Roster roster = rosters.get(room);
        if (roster != null) {
            synchronized (roster) {
                String key = NameKey.of(member.name());
                Member present = roster.members.get(key);
                if (!roster.detached && present != null && present.id().equals(member.id())) {
                    roster.members.remove(key);
                    announce(roster, room, MessageType.LEAVE, member.id(),
                            encoder.frame(Presence.leave(room, member, clock.millis())));
                    if (roster.members.isEmpty()) {
                        history.vacated(room);
                        roster.detached = true;
                        rosters.remove(room, roster);
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
            Member present = roster.members.get(NameKey.of(from.name()));
            if (roster.detached || present == null || !present.id().equals(from.id())) {
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
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        Roster roster = rosters.get(room);
        if (roster == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        synchronized (roster) {
            if (roster.members.containsKey(NameKey.of(name))) {
                return CompletableFuture.completedFuture(Optional.of(Refusal.nameTaken(room, name)));
            }
            return CompletableFuture.completedFuture(roster.members.size() >= maxMembersPerRoom
                    ? Optional.of(Refusal.roomFull(room)) : Optional.empty());
        }
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

    /** One room's members by name key, in order of arrival, and its event counter. */
    private static final class Roster {
        private final Map<String, Member> members = new LinkedHashMap<>();
        private long seq;
        private boolean detached;
    }
}
