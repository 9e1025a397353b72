package org.acme.chat.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.broker.NameKey;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.time.Timers;

/**
 * The members of one room connected to this node, and the room's events handed to them. Every change and every
 * delivery happens under the room's lock, so each member receives its welcome first, then exactly the room's events
 * after its own join, in {@code seq} order. A member whose join is still with the broker holds the events that arrive
 * meanwhile until its welcome is out. Join and leave notices beyond the room's budget are held and go out netted, in
 * one batch per interval ({@link PresenceNotices}): they may then arrive after messages posted later.
 */
final class Room {

    private final Map<String, Seat> seats = new LinkedHashMap<>();
    private final PresenceNotices notices;
    private final Timers timers;
    private final long coalesceMillis;
    private final PresenceMeter meter;

    Room(PresenceNotices notices, Timers timers, long coalesceMillis, PresenceMeter meter) {
        this.notices = notices;
        this.timers = timers;
        this.coalesceMillis = coalesceMillis;
        this.meter = meter;
    }

    synchronized boolean isEmpty() {
        return seats.isEmpty();
    }

    synchronized int size() {
        return seats.size();
    }

    /** Seats a participant whose join is on its way to the broker. */
    synchronized void seat(Participant participant) {
        seats.put(participant.seat(), new Seat(participant));
    }

    /**
     * Sends the participant its welcome and then the events held for it that came after its join ({@code seq}); returns
     * false if it is no longer seated (it left while the broker was busy, even if it was seated again since).
     */
    synchronized boolean welcome(Participant participant, OutboundFrame welcome, long seq) {
        Seat seat = seats.get(participant.seat());
        if (seat == null || seat.participant != participant || seat.held == null) {
            return false; // left meanwhile (and maybe joined again: that join has its own welcome)
        }
        seat.participant.deliver(welcome);
        seat.joinedAt = seq;
        for (RoomEvent held : seat.held) {
            deliver(seat, held);
        }
        seat.held = null;
        return true;
    }

    /** Hands an event to every seated member; returns how many members received it as a message. */
    synchronized int dispatch(RoomEvent event) {
        if (event.isPresence()) {
            boolean batchScheduled = notices.holding();
            boolean held = notices.hold(event, timers.nanoTime());
            meter.notice(event.type(), held);
            if (held) {
                if (!batchScheduled) {
                    timers.schedule(coalesceMillis, this::releaseNotices);
                }
                return 0;
            }
        }
        int delivered = 0;
        for (Seat seat : seats.values()) {
            if (seat.held != null) {
                seat.held.add(event);
            } else if (deliver(seat, event) && event.type() == MessageType.MESSAGE) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Hands the held join and leave notices to every member, netted for each. */
    synchronized void releaseNotices() {
        List<RoomEvent> batch = notices.drain();
        if (batch.isEmpty()) {
            return;
        }
        // The same for every member who joined before the batch began.
        List<RoomEvent> forEarlierMembers = PresenceNotices.netFor(batch, Long.MIN_VALUE, null);
        meter.netted(batch.size() - forEarlierMembers.size());
        for (Seat seat : seats.values()) {
            if (seat.held != null) {
                seat.held.addAll(batch); // its welcome is not out yet: they follow it one by one
                continue;
            }
            List<RoomEvent> netted;
            if (seat.joinedAt < batch.get(0).seq()) {
                netted = forEarlierMembers;
            } else {
                netted = PresenceNotices.netFor(batch, seat.joinedAt, seat.participant.member().id());
            }
            for (RoomEvent notice : netted) {
                deliver(seat, notice);
            }
        }
    }

    /** Whether a participant sits in {@code seatId} (one seated again after it left, say). */
    synchronized boolean holds(String seatId) {
        return seats.containsKey(seatId);
    }

    /** Unseats a participant by its seat; returns it, or null if it was not seated. */
    synchronized Participant unseat(String seatId) {
        Seat seat = seats.remove(seatId);
        return seat == null ? null : seat.participant;
    }

    /**
     * Delivers the event unless the member's welcome already covered it, or it is the member's own join or leave; an
     * event v1 has no frame for, or a removal (of this member's name), goes to the participant's own handler.
     */
    private static boolean deliver(Seat seat, RoomEvent event) {
        Participant participant = seat.participant;
        boolean ownPresence = event.isPresence() && event.memberId().equals(participant.member().id());
        if (event.seq() <= seat.joinedAt || ownPresence) {
            return false;
        }
        switch (event.type()) {
            case DELETED, EDITED, REACTION, TYPING, READ -> participant.signal(event);
            case REMOVED -> {
                if (NameKey.of(participant.member().name()).equals(event.memberId())) {
                    participant.removed(event.reason());
                }
            }
            default -> {
                participant.deliver(event.frame());
                return true;
            }
        }
        return false;
    }

    /** A participant, the seq of its join once welcomed, and the events held for it until then. */
    private static final class Seat {
        private final Participant participant;
        private long joinedAt = Long.MAX_VALUE;
        private List<RoomEvent> held = new ArrayList<>();

        Seat(Participant participant) {
            this.participant = participant;
        }
    }
}
