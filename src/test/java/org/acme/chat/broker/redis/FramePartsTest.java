package org.acme.chat.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.Presence;
import org.junit.jupiter.api.Test;

/** Frames completed by the Redis scripts are exactly what the application's encoder writes. */
class FramePartsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventEncoder ENCODER = new EventEncoder(MAPPER);
    private final FrameParts parts = new FrameParts(MAPPER);
    private final Member alice = new Member("3f0c-1", "Zoë \"A\" O'Neil");

    @Test
    void aMessageFrameIsPrefixIdMiddleTsAndABrace() {
        String text = "quotes \" backslash \\ unicode 😀 <b>html</b> \u2028 line separator";
        String assembled = FrameParts.MESSAGE_PREFIX + "1732240000123-7"
                + parts.messageMiddle("lobby", alice, text) + "1732240000123" + "}";
        assertEquals(ENCODER.encode(new ChatMessage("1732240000123-7", "lobby", alice, text, 1732240000123L)),
                assembled);
    }

    @Test
    void aTombstoneSaysDeletedAndAPlainMessageSaysNothingOfIt() {
        ChatMessage posted = new ChatMessage("1732240000123-7", "lobby", alice, "oops", 1732240000123L);
        assertEquals(false, ENCODER.encode(posted).contains("deleted"), "a message as posted, as v1 has it");
        assertEquals(true, ENCODER.encode(posted.tombstone()).contains("\"deleted\":true"));
        assertEquals(false, ENCODER.encode(posted.tombstone()).contains("\"text\""));
    }

    @Test
    void presenceFramesArePrefixMemberTsAndABrace() {
        for (MessageType type : new MessageType[] { MessageType.JOIN, MessageType.LEAVE }) {
            String assembled = parts.presencePrefix(type, "team-a") + parts.json(alice) + ",\"ts\":1732240000999}";
            Presence presence = type == MessageType.JOIN ? Presence.join("team-a", alice, 1732240000999L)
                    : Presence.leave("team-a", alice, 1732240000999L);
            assertEquals(ENCODER.encode(presence), assembled);
        }
    }
}
