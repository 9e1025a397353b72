package org.acme.chat.broker;

import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;

/**
 * One event of a room as every node receives it: a member joined ({@link MessageType#JOIN}) or left
 * ({@link MessageType#LEAVE}), a message was posted ({@link MessageType#MESSAGE}), or, through the server API, a message
 * was deleted ({@link MessageType#DELETED}) or a member removed ({@link MessageType#REMOVED}: a kick or ban).
 * {@code seq} numbers the room's events in the one order every node delivers them in. {@code frame} is the encoded
 * event, the same frame for every recipient (null for {@code REMOVED}: each protocol says it its own way);
 * {@code memberId} is whom a join or leave is about, or who posted; for {@code REMOVED} it is the
 * {@link NameKey} of the name removed (every session of that name), with {@code reason} why (null for other events).
 */
public record RoomEvent(String room, long seq, MessageType type, String memberId, OutboundFrame frame, String reason) {

    public RoomEvent(String room, long seq, MessageType type, String memberId, OutboundFrame frame) {
        this(room, seq, type, memberId, frame, null);
    }

    /** Whether this is a join or a leave notice (the events a room's notice budget holds back). */
    public boolean isPresence() {
        return type == MessageType.JOIN || type == MessageType.LEAVE;
    }
}
