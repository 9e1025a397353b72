package org.acme.chat.room;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.chat.history.HistoryStore;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;

/**
 * All rooms with members on this node. A room exists while it has members; its history outlives it in the
 * {@link HistoryStore}. Joining and leaving a room are atomic with its creation and removal. Thread-safe.
 */
public final class RoomRegistry {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger members = new AtomicInteger();
    private final HistoryStore history;
    private final EventEncoder encoder;
    private final Clock clock;

    public RoomRegistry(HistoryStore history, EventEncoder encoder, Clock clock) {
        this.history = history;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Joins the participant to the room, creating the room if needed; it receives its welcome first. */
    public void join(String room, Participant participant) throws NameTakenException {
        try {
            rooms.compute(room, (name, existing) -> {
                Room target = existing != null ? existing : new Room(name, history, encoder);
                try {
                    target.join(participant, clock.millis());
                } catch (NameTakenException e) {
                    throw new NameTakenSignal(e);
                }
                return target;
            });
        } catch (NameTakenSignal signal) {
            throw signal.cause;
        }
        members.incrementAndGet();
    }

    /** Removes the member from the room, and the room once it is empty; returns false if it was not a member. */
    public boolean leave(String room, String memberId) {
        boolean[] left = new boolean[1];
        rooms.computeIfPresent(room, (name, existing) -> {
            left[0] = existing.leave(memberId, clock.millis());
            return existing.isEmpty() ? null : existing;
        });
        if (left[0]) {
            members.decrementAndGet();
        }
        return left[0];
    }

    /** Posts a message from a member; throws {@link IllegalStateException} if the room has no members. */
    public Posted post(String room, Member from, String text) {
        Room target = rooms.get(room);
        if (target == null) {
            throw new IllegalStateException("room '" + room + "' has no members");
        }
        return target.post(from, text, clock.millis());
    }

    public boolean isNameTaken(String room, String name) {
        Room target = rooms.get(room);
        return target != null && target.hasName(name);
    }

    public int activeRooms() {
        return rooms.size();
    }

    public int members() {
        return members.get();
    }

    /** Carries the checked exception out of {@code compute}. */
    private static final class NameTakenSignal extends RuntimeException {
        private final NameTakenException cause;

        NameTakenSignal(NameTakenException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
