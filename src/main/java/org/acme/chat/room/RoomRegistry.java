package org.acme.chat.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.protocol.Welcome;
import org.acme.chat.time.Timers;

/**
 * The rooms with members connected to this node. Joins, messages and leaves go through the {@link Broker}, which
 * decides them for every node; the room events it hands back are delivered here to this node's members. A room exists
 * here while it has members here. Thread-safe.
 */
public final class RoomRegistry {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger members = new AtomicInteger();
    private final Broker broker;
    private final EventEncoder encoder;
    private final Settings settings;
    private final Timers timers;
    private final WelcomeHistory welcomeHistory;
    private final PresenceMeter presence;

    /** What bounds a registry's rooms (from {@code chat.*}). */
    public record Settings(int maxRooms, long welcomeHistoryBytes, double noticesPerSecond, int noticeBurst,
            Duration noticeCoalesce) {

        public static Settings of(ChatConfig config) {
            return new Settings(config.limits().maxRooms(), config.history().welcomeMaxBytes(),
                    config.presence().noticesPerSecond(), config.presence().noticeBurst(),
                    config.presence().coalesceInterval());
        }
    }

    /**
     * A registry of rooms bounded by {@code settings}, receiving the broker's events, its presence batches on
     * {@code timers}; {@code delivered} learns, for every message event, to how many members here it was handed, and
     * {@code presence} what became of every join and leave notice.
     */
    public RoomRegistry(Broker broker, EventEncoder encoder, Settings settings, Timers timers, IntConsumer delivered,
            PresenceMeter presence) {
        this.presence = presence;
        this.broker = broker;
        this.encoder = encoder;
        this.settings = settings;
        this.timers = timers;
        this.welcomeHistory = new WelcomeHistory(encoder, settings.welcomeHistoryBytes());
        broker.deliverTo(event -> delivered.accept(dispatch(event)));
    }

    /**
     * Joins the participant to the room: it receives its welcome (with what it missed since {@code since}, when not
     * null), then the room's events. Fails with a {@link RefusedException} when the node has too many rooms for a new
     * one, or the broker refuses the join (name taken, room full, broker unavailable).
     */
    public CompletionStage<Void> join(String room, Participant participant, MessageId since) {
        Room target;
        try {
            target = seat(room, participant);
        } catch (RefusedException e) {
            return CompletableFuture.failedFuture(e);
        }
        Member member = participant.member();
        String seat = participant.seat();
        return broker.join(room, member, seat, since).handle((joined, failure) -> {
            if (failure != null) {
                unseat(room, seat);
                throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
            }
            Joined trimmed = trim(joined);
            OutboundFrame greeting = participant.greeting(room, trimmed);
            if (greeting == null) {
                greeting = encoder.frame(welcome(room, member, trimmed));
            }
            if (!target.welcome(participant, greeting, joined.seq()) && !target.holds(seat)) {
                // It left while the broker was busy. (Seated again since, the broker counts that join's session.)
                broker.leave(room, member, seat);
            }
            return null;
        });
    }

    /**
     * Removes the participant in {@code seat} (a v1 member's id) from the room here and tells the broker (which
     * announces it when that was the person's last session); returns false if it was not seated here.
     */
    public boolean leave(String room, String seat) {
        Participant gone = unseat(room, seat);
        if (gone == null) {
            return false;
        }
        broker.leave(room, gone.member(), seat);
        return true;
    }

    /** Posts a message from a member; the stage fails with {@link IllegalStateException} if it is not in the room. */
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        return broker.post(room, from, text);
    }

    /** Hands a room event to this node's members of the room; returns how many received it as a message. */
    public int dispatch(RoomEvent event) {
        Room target = rooms.get(event.room());
        return target == null ? 0 : target.dispatch(event);
    }

    /** Why a join to {@code room} as {@code name} would be refused right now (the guard's early answer), or empty. */
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        if (!rooms.containsKey(room) && rooms.size() >= settings.maxRooms()) {
            return CompletableFuture.completedFuture(Optional.of(Refusal.Kind.TOO_MANY_ROOMS));
        }
        return broker.checkJoin(room, name);
    }

    public int activeRooms() {
        return rooms.size();
    }

    public int members() {
        return members.get();
    }

    /** The welcome's history within its byte budget; a resume that lost messages to it is not recovered. */
    private Joined trim(Joined joined) {
        List<ChatMessage> history = welcomeHistory.trim(joined.history());
        Joined.Resume resume = joined.resume();
        if (resume != null && resume.recovered() && history.size() < joined.history().size()) {
            resume = Joined.Resume.OVER_BUDGET;
        }
        return joined.with(history, resume);
    }

    /** v1's welcome: messages as v1 knows them (current text, no deleted ones). */
    private static Welcome welcome(String room, Member member, Joined joined) {
        List<ChatMessage> history = new ArrayList<>(joined.history().size());
        for (ChatMessage message : joined.history()) {
            if (!message.isDeleted()) {
                history.add(message.plain());
            }
        }
        Joined.Resume resume = joined.resume();
        return new Welcome(room, member, joined.members(), history,
                resume == null ? null : resume.recovered(), resume == null ? null : resume.reason());
    }

    private Room seat(String room, Participant participant) throws RefusedException {
        Room seated = rooms.compute(room, (name, existing) -> {
            if (existing == null && rooms.size() >= settings.maxRooms()) {
                // Inside compute: off by concurrent creations of other rooms, never by much.
                throw new RefusedException(Refusal.Kind.TOO_MANY_ROOMS);
            }
            Room target = existing != null ? existing : newRoom();
            target.seat(participant);
            return target;
        });
        members.incrementAndGet();
        return seated;
    }

    private Room newRoom() {
        return new Room(new PresenceNotices(settings.noticesPerSecond(), settings.noticeBurst(), timers.nanoTime()),
                timers, settings.noticeCoalesce().toMillis(), presence);
    }

    private Participant unseat(String room, String memberId) {
        Participant[] gone = new Participant[1];
        rooms.computeIfPresent(room, (name, existing) -> {
            gone[0] = existing.unseat(memberId);
            return existing.isEmpty() ? null : existing;
        });
        if (gone[0] != null) {
            members.decrementAndGet();
        }
        return gone[0];
    }
}
