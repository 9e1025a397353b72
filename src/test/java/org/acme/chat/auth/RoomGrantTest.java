package org.acme.chat.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code rooms} claim: exact names and globs, nothing else. */
class RoomGrantTest {

    @Test
    void exactNamesAndGlobs() {
        RoomGrant grant = RoomGrant.of(List.of("lobby", "team-*", "room-?"));
        assertTrue(grant.allows("lobby"));
        assertTrue(grant.allows("team-"));
        assertTrue(grant.allows("team-red.1"));
        assertTrue(grant.allows("room-7"));
        assertFalse(grant.allows("Lobby"), "case-sensitive, like room names");
        assertFalse(grant.allows("lobby2"));
        assertFalse(grant.allows("room-77"));
        assertFalse(grant.allows("teamx"));
    }

    @Test
    void regexCharactersInAClaimAreLiteral() {
        RoomGrant grant = RoomGrant.of(List.of("a.b", "c+"));
        assertTrue(grant.allows("a.b"));
        assertFalse(grant.allows("axb"));
        assertFalse(grant.allows("cc"));
    }

    @Test
    void noClaimGrantsNothing() {
        assertFalse(RoomGrant.of(List.of()).allows("lobby"));
    }
}
