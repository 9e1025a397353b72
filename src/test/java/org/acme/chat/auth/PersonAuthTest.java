package org.acme.chat.auth;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.TestTokens.bearer;
import static org.acme.chat.support.TestTokens.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.acme.chat.support.TokensRequired;
import org.acme.chat.support.V2;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Protocol v2 with {@code chat.auth.enabled}: the token's subject is the person (its tabs are one member whatever
 * {@code name} and {@code client} say), its name claim the display name, and each join is checked against its rooms.
 */
@QuarkusTest
@TestProfile(TokensRequired.class)
class PersonAuthTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TestHTTPResource("/")
    URI base;

    @Test
    void withoutATokenTheUpgradeIs401() {
        assertEquals(401, WsClient.rejectedStatus(base, V2.path("alice", "alice-key-1")));
    }

    @Test
    void aTokenNamedLikeTheServerOrBreakingTheNameRulesIs400() {
        assertEquals(400, WsClient.rejectedStatus(base, "/ws", bearer(token("System", List.of("*"), HOUR))));
        assertEquals(400, WsClient.rejectedStatus(base, "/ws", bearer(token("x".repeat(33), List.of("*"), HOUR))));
    }

    @Test
    void theTokensSubjectIsThePersonAndItsRoomsAreCheckedAtEachJoin() {
        String room = uniqueRoom("team-v2");
        String token = token("carol", List.of("team-*"), HOUR);
        try (WsClient tab1 = WsClient.connect(base, V2.path("ignored", "key-one-1"), bearer(token));
                WsClient tab2 = WsClient.connect(base, "/ws", bearer(token))) {
            JsonObject you = tab1.next("hello").getJsonObject("you");
            assertEquals("carol", you.getString("name"), "the name comes from the token");
            assertEquals(you, tab2.next("hello").getJsonObject("you"), "one subject, one person");

            V2.join(tab1, room);
            JsonObject joined = V2.join(tab2, room);
            assertEquals(2, joined.getJsonArray("members").getJsonObject(0).getInteger("sessions"));

            String elsewhere = uniqueRoom("secret");
            tab1.send(V2.frame("join", elsewhere).put("ref", "s"));
            JsonObject refused = V2.until(tab1, "error");
            assertEquals("forbidden_room", refused.getString("code"));
            assertEquals(elsewhere, refused.getString("room"));
            tab1.send(V2.message(room, "still connected").put("ref", "m"));
            assertEquals("m", V2.until(tab1, "ack").getString("ref"));
        }
    }
}
