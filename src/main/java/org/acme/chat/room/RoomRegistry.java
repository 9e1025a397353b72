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
    private final int maxRooms;
    private final int maxMembersPerRoom;

    public RoomRegistry(HistoryStore history, EventEncoder encoder, Clock clock) {
        this(history, encoder, clock, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public RoomRegistry(HistoryStore history, EventEncoder encoder, Clock clock, int maxRooms, int maxMembersPerRoom) {
        this.history = history;
        this.encoder = encoder;
        this.clock = clock;
        this.maxRooms = maxRooms;
        this.maxMembersPerRoom = maxMembersPerRoom;
    }

    /**
     * Joins the participant to the room, creating the room if needed; it receives its welcome first. Refused when
     * the name is taken, the room is full, or the room is new and the node has its maximum of rooms.
     */
    public void join(String room, Participant participant) throws JoinRefusedException {
        try {
            rooms.compute(room, (name, existing) -> {
                try {
                    Room target = existing != null ? existing : newRoom(name);
                    if (target.size() >= maxMembersPerRoom) {
                        throw RoomFullException.roomFull(name);
                    }
                    target.join(participant, clock.millis());
                    return target;
                } catch (JoinRefusedException e) {
                    throw new RefusalSignal(e);
                }
            });
        } catch (RefusalSignal signal) {
            throw signal.cause;
        }
        members.incrementAndGet();
    }

    /** Whether a join to {@code room} would be refused for capacity right now (the guard's early answer). */
    public RoomFullException capacityProblem(String room) {
        Room target = rooms.get(room);
        if (target == null) {
            return rooms.size() >= maxRooms ? RoomFullException.tooManyRooms() : null;
        }
        return target.size() >= maxMembersPerRoom ? RoomFullException.roomFull(room) : null;
    }

    private Room newRoom(String name) throws RoomFullException {
        // Called inside compute: the size can be off by concurrent creations of other rooms, never by much.
        if (rooms.size() >= maxRooms) {
            throw RoomFullException.tooManyRooms();
        }
        return new Room(name, history, encoder);
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
    private static final class RefusalSignal extends RuntimeException {
        private final JoinRefusedException cause;

        RefusalSignal(JoinRefusedException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
