package org.acme.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinRequestTest {

    @ParameterizedTest
    @ValueSource(strings = { "ali\u202Ece", "\u200Balice", "al\u200Dice", "alice\uFEFF", "\u2066alice\u2069",
            "ali\u200Fce", "a\u061Clice", "al\u2060ice" })
    void invisibleOrTextDirectionCharactersInANameAreRefusedWithTheirReason(String name) {
        RefusedException e = assertThrows(RefusedException.class, () -> JoinRequest.parse("lobby", name));
        assertEquals(Refusal.Kind.INVALID_JOIN, e.refusal().kind());
        assertEquals("invalid name: no invisible or text-direction characters (zero-width spaces, joiners,"
                + " bidirectional controls)", e.refusal().message());
    }

    @Test
    void trimsTheNameAndKeepsTheRoom() throws Exception {
        assertEquals(new JoinRequest("Team_1.a-b", "Zoë Smith", null), JoinRequest.parse("Team_1.a-b", "  Zoë Smith "));
    }

    @Test
    void sinceIsAMessageId() throws Exception {
        assertEquals(new MessageId(1732240000123L, 4), JoinRequest.parse("r1", "alice", "1732240000123-4").since());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "12", "-1-0", "1-", "a-b", "1-2-3", "99999999999999999999-0" })
    void rejectsInvalidSince(String since) {
        RefusedException refused = assertThrows(RefusedException.class, () -> JoinRequest.parse("r1", "alice", since));
        assertEquals(Refusal.Kind.INVALID_JOIN, refused.refusal().kind());
        assertEquals("invalid since: give the id of the last message you received", refused.refusal().message());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-lead", ".x", "_x", "has space", "sl/ash", "ümlaut", "x%20y" })
    void rejectsInvalidRooms(String room) {
        assertThrows(RefusedException.class, () -> JoinRequest.parse(room, "alice"));
    }

    @Test
    void roomNamesAreAtMost64Characters() throws Exception {
        JoinRequest.parse("r".repeat(64), "alice");
        assertThrows(RefusedException.class, () -> JoinRequest.parse("r".repeat(65), "alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "<b>", "a;b", "tab\tname", "new\nline", "emoji😀" })
    void rejectsInvalidNames(String name) {
        assertThrows(RefusedException.class, () -> JoinRequest.parse("r1", name));
    }

    @Test
    void namesAreAtMost32CharactersAfterTrimming() throws Exception {
        JoinRequest.parse("r1", " " + "n".repeat(32) + " ");
        assertThrows(RefusedException.class, () -> JoinRequest.parse("r1", "n".repeat(33)));
        assertThrows(RefusedException.class, () -> JoinRequest.parse("r1", null));
    }
}
