package org.acme.chat.room;

import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;

/**
 * One member's connection as the room layer sees it. {@link #deliver} is called with the room's lock held, so it must
 * only queue the frame (never block), and it receives frames in room order.
 */
public interface Participant {

    Member member();

    /** Queues one encoded frame for this member. */
    void deliver(OutboundFrame frame);

    /**
     * A message of the room was deleted through the server API ({@code frame} encodes the {@code Deleted} event).
     * Protocol v1 has no frame for it, so by default nothing happens; a v2 session sends its {@code deleted} event.
     * Called under the room's lock: only queue.
     */
    default void deleted(OutboundFrame frame) {
    }

    /**
     * The server API removed this member from the room (a kick or a ban), for {@code reason}: v1 closes the connection
     * with 4403 and the reason; a v2 session is to send {@code left} with it. Called under the room's lock: must not
     * close synchronously (hand the close to the connection's own thread).
     */
    void removed(String reason);
}
