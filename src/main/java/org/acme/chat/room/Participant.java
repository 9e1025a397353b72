package org.acme.chat.room;

import org.acme.chat.broker.Joined;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;

/**
 * One member's connection as the room layer sees it. {@link #deliver} is called with the room's lock held, so it must
 * only queue the frame (never block), and it receives frames in room order.
 */
public interface Participant {

    Member member();

    /**
     * This participant's seat in the room, unique in it: its connection's id (a v1 member's id is its connection's;
     * a v2 person's several sessions each have a seat). The broker counts it as one of the person's sessions.
     */
    default String seat() {
        return member().id();
    }

    /**
     * The frame this participant gets first, once the broker accepted its join: null for v1's {@code welcome} (the
     * registry makes it); a v2 session makes its {@code joined}. {@code joined} holds the history trimmed to the
     * welcome's budget and the resume status that goes with it.
     */
    default OutboundFrame greeting(String room, Joined joined) {
        return null;
    }

    /** Queues one encoded frame for this member. */
    void deliver(OutboundFrame frame);

    /**
     * A room event protocol v1 has no frame for ({@code DELETED}, {@code EDITED}, {@code REACTION}, {@code TYPING},
     * {@code READ}): by default nothing happens; a v2 session sends its frame. Called under the room's lock: only
     * queue.
     */
    default void signal(RoomEvent event) {
    }

    /**
     * The server API removed this member from the room (a kick or a ban), for {@code reason}: v1 closes the connection
     * with 4403 and the reason; a v2 session is to send {@code left} with it. Called under the room's lock: must not
     * close synchronously (hand the close to the connection's own thread).
     */
    void removed(String reason);
}
