package org.acme.chat.broker;

import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;

/**
 * One event of a room as every node receives it: a member joined ({@link MessageType#JOIN}) or left
 * ({@link MessageType#LEAVE}), or a message was posted ({@link MessageType#MESSAGE}). {@code seq} numbers the room's
 * events in the one order every node delivers them in. {@code frame} is the encoded event, the same frame for every
 * recipient; {@code memberId} is whom a join or leave is about, or who posted.
 */
public record RoomEvent(String room, long seq, MessageType type, String memberId, OutboundFrame frame) {
}
