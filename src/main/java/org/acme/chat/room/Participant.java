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
}
