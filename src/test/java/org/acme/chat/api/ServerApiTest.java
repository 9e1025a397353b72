package org.acme.chat.api;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.ApiKeys;
import org.acme.chat.support.Frames;
import org.acme.chat.support.ManagementInterface;
import org.acme.chat.support.V2;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The server API on one node (memory broker) with API keys: every route, its statuses and problem types, and what
 * members see: a post reaches them, a deletion leaves history, a kick closes them with 4403, a ban refuses their
 * rejoin with 403 until it expires or is lifted.
 */
@QuarkusTest
@TestProfile(ApiKeys.class)
class ServerApiTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URI base;

    private static RequestSpecification api() {
        return given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY));
    }

    @Test
    void withoutCredentialsOrWithAWrongKeyEveryRouteIs401AndEitherKeyWorks() {
        for (String path : List.of("/api/v1/rooms", "/api/v1/stats", "/api/v1/rooms/lobby/members",
                "/api/v1/no-such-route")) {
            given().get(path).then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401)).body("type", equalTo("about:blank"));
            given().header("Authorization", "Bearer wrong-secret-0123456789").get(path).then().statusCode(401);
            given().header("Authorization", "Basic " + ApiKeys.KEY).get(path).then().statusCode(401);
        }
        given().header("Authorization", ApiKeys.bearer(ApiKeys.ROTATED)).get("/api/v1/stats").then().statusCode(200);
        api().get("/api/v1/no-such-route").then().statusCode(404).contentType(PROBLEM);
        api().delete("/api/v1/stats").then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void aPostReachesEveryMemberAsTheServerAndIsInTheHistory() {
        String room = uniqueRoom("api-post");
        try (WsClient alice = WsClient.join(base, room, "alice")) {
            JsonObject created = new JsonObject(api().contentType(ContentType.JSON)
                    .body(Map.of("text", "maintenance at noon")).post("/api/v1/rooms/{room}/messages", room)
                    .then().statusCode(201).header("Location", containsString("/api/v1/rooms/" + room + "/messages/"))
                    .body("from.id", equalTo("system")).body("from.name", equalTo("system"))
                    .extract().asString());
            JsonObject received = alice.next("message");
            assertEquals(created.getString("id"), received.getString("id"));
            assertEquals(created.getLong("ts"), received.getLong("ts"));
            assertEquals("maintenance at noon", received.getString("text"));
            assertEquals("system", received.getJsonObject("from").getString("id"));

            api().contentType(ContentType.JSON).body(Map.of("text", "hello", "from", "Moderator bot"))
                    .post("/api/v1/rooms/{room}/messages", room).then().statusCode(201)
                    .body("from.name", equalTo("Moderator bot")).body("from.id", equalTo("system"));
            assertEquals("Moderator bot", alice.next("message").getJsonObject("from").getString("name"));
            api().get("/api/v1/rooms/{room}/messages", room).then().statusCode(200)
                    .body("messages.text", equalTo(List.of("maintenance at noon", "hello")));
        }
    }

    @Test
    void membersCannotTakeTheServersName() {
        assertEquals(400, WsClient.rejectedStatus(base, chatPath(uniqueRoom("api-system"), "System")));
        assertEquals(400, WsClient.rejectedStatus(base, chatPath(uniqueRoom("api-system"), "\u0455ystem")));
    }

    @Test
    void aBadPostIs400WithTheProblemTypeOfTheRuleItBreaks() {
        String room = uniqueRoom("api-bad");
        Map<Object, String> cases = Map.of(
                Map.of("text", "   "), "urn:chat:problem:empty-text",
                Map.of("text", "x".repeat(101)), "urn:chat:problem:text-too-long",
                Map.of("text", "bell \u0007"), "urn:chat:problem:invalid-text",
                Map.of("from", "alice"), "urn:chat:problem:empty-text",
                Map.of("text", "hi", "from", "<script>"), "urn:chat:problem:invalid-name",
                "{\"text\":", "urn:chat:problem:malformed-body");
        cases.forEach((body, type) -> api().contentType(ContentType.JSON).body(body)
                .post("/api/v1/rooms/{room}/messages", room).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(type)).body("title", equalTo("Bad Request")).body("status", equalTo(400)));
        api().contentType(ContentType.JSON).body(Map.of("text", "hi")).post("/api/v1/rooms/{room}/messages", "-bad")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:chat:problem:validation"))
                .body("detail", containsString("room"));
        api().contentType(ContentType.JSON).post("/api/v1/rooms/{room}/messages", room).then().statusCode(400)
                .contentType(PROBLEM);
        api().get("/api/v1/rooms?limit=0").then().statusCode(400).body("type", equalTo("urn:chat:problem:validation"))
                .body("detail", containsString("limit"));
        api().get("/api/v1/rooms/{room}/messages?before=yesterday", room).then().statusCode(400)
                .body("type", equalTo("urn:chat:problem:validation"));
    }

    @Test
    void aDeletedMessageIsNoLongerInTheHistoryAndASecondDeleteIs404() {
        String room = uniqueRoom("api-delete");
        try (WsClient alice = WsClient.join(base, room, "alice")) {
            alice.send(Frames.message("keep"));
            alice.send(Frames.message("abuse"));
            alice.next("message");
            String abuse = alice.next("message").getString("id");

            api().delete("/api/v1/rooms/{room}/messages/{id}", room, abuse).then().statusCode(204);
            api().get("/api/v1/rooms/{room}/messages", room).then().statusCode(200)
                    .body("messages.text", equalTo(List.of("keep")));
            api().delete("/api/v1/rooms/{room}/messages/{id}", room, abuse).then().statusCode(404)
                    .contentType(PROBLEM).body("type", equalTo("urn:chat:problem:unknown-message"));
            api().delete("/api/v1/rooms/{room}/messages/{id}", room, "not-an-id").then().statusCode(400);
            alice.assertNothingPending(); // a v1 member gets nothing for a deletion
            try (WsClient bob = WsClient.join(base, room, "bob")) {
                assertEquals(List.of("keep"), bob.welcome().getJsonArray("history").stream()
                        .map(m -> ((JsonObject) m).getString("text")).toList());
            }
        }
    }

    @Test
    void aKickClosesTheMemberWith4403AndTheReasonAndAnAbsentMemberIs404() {
        String room = uniqueRoom("api-kick");
        try (WsClient alice = WsClient.join(base, room, "alice");
                WsClient bob = WsClient.join(base, room, "bob")) {
            alice.next("join");
            api().contentType(ContentType.JSON).body(Map.of("reason", "spamming links"))
                    .post("/api/v1/rooms/{room}/members/{name}/kick", room, "BOB").then().statusCode(204);
            assertEquals(4403, bob.awaitClose());
            assertEquals("spamming links", bob.closeReason());
            assertEquals("bob", alice.next("leave").getJsonObject("member").getString("name"));
            api().contentType(ContentType.JSON).post("/api/v1/rooms/{room}/members/{name}/kick", room, "bob").then()
                    .statusCode(404)
                    .contentType(PROBLEM).body("type", equalTo("urn:chat:problem:not-a-member"));
            api().contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(121)))
                    .post("/api/v1/rooms/{room}/members/{name}/kick", room, "alice").then().statusCode(400)
                    .body("type", equalTo("urn:chat:problem:validation"));
            assertEquals(false, alice.isClosed());
        }
    }

    @Test
    void aV2PersonIsKickedFromTheRoomWithLeftAndStaysConnectedAndHearsDeletions() {
        String room = uniqueRoom("api-kick-v2");
        String other = uniqueRoom("api-kick-v2-other");
        try (WsClient dave = V2.connect(base, "dave", "dave-key-1"); WsClient tab2 = V2.connect(base, "dave",
                "dave-key-1"); WsClient erin = V2.connect(base, "erin", "erin-key-1")) {
            V2.join(dave, room);
            V2.join(dave, other);
            V2.join(tab2, room);
            V2.join(erin, room);
            erin.send(V2.message(room, "to be deleted").put("ref", "x"));
            String id = V2.until(erin, "ack").getString("id");
            api().delete("/api/v1/rooms/{room}/messages/{id}", room, id).then().statusCode(204);
            assertEquals(id, V2.until(dave, "deleted", room).getString("id"), "v2 hears the API's deletion");

            api().contentType(ContentType.JSON).body(Map.of("reason", "off topic"))
                    .post("/api/v1/rooms/{room}/members/{name}/kick", room, "Dave").then().statusCode(204);
            for (WsClient tab : List.of(dave, tab2)) {
                JsonObject left = V2.until(tab, "left", room);
                assertEquals("kicked", left.getString("code"));
                assertEquals("off topic", left.getString("reason"));
            }
            assertEquals("dave", V2.until(erin, "leave", room).getJsonObject("member").getString("name"));
            dave.send(V2.message(other, "still here"));
            assertEquals("still here", V2.until(dave, "message", other).getString("text"),
                    "the connection and its other rooms stay");
        }
    }

    @Test
    void aKickNeedsNoBodyAtAll() {
        String room = uniqueRoom("api-kick-bare");
        try (WsClient carol = WsClient.join(base, room, "carol")) {
            api().post("/api/v1/rooms/{room}/members/{name}/kick", room, "carol").then().statusCode(204);
            assertEquals(4403, carol.awaitClose());
        }
    }

    @Test
    void aBanKicksAndRefusesTheRejoinWith403UntilItExpires() {
        String room = uniqueRoom("api-ban");
        try (WsClient mallory = WsClient.join(base, room, "mallory")) {
            api().contentType(ContentType.JSON).body(Map.of("name", "Mallory", "seconds", 2, "reason", "flooding"))
                    .post("/api/v1/rooms/{room}/bans", room).then().statusCode(201)
                    .body("kicked", equalTo(true)).body("name", equalTo("Mallory"));
            assertEquals(4403, mallory.awaitClose());
            assertEquals("flooding", mallory.closeReason());
        }
        assertEquals(403, WsClient.rejectedStatus(base, chatPath(room, "mallory")));
        given().queryParam("room", room).queryParam("name", "MALLORY").get("/api/join-check").then().statusCode(403)
                .body(containsString("banned"));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().queryParam("room", room)
                .queryParam("name", "mallory").get("/api/join-check").statusCode() == 204);
        WsClient.join(base, room, "mallory").close();
    }

    @Test
    void aLiftedBanAllowsTheRejoinAndLiftingItAgainIs404() {
        String room = uniqueRoom("api-unban");
        api().contentType(ContentType.JSON).body(Map.of("name", "eve", "seconds", 3600))
                .post("/api/v1/rooms/{room}/bans", room).then().statusCode(201).body("kicked", equalTo(false));
        assertEquals(403, WsClient.rejectedStatus(base, chatPath(room, "eve")));
        api().delete("/api/v1/rooms/{room}/bans/{name}", room, "Eve").then().statusCode(204);
        WsClient.join(base, room, "eve").close();
        api().delete("/api/v1/rooms/{room}/bans/{name}", room, "eve").then().statusCode(404)
                .body("type", equalTo("urn:chat:problem:not-banned"));
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("name", "eve"),
                Map.<String, Object>of("name", "eve", "seconds", 0),
                Map.<String, Object>of("name", "eve", "seconds", 40_000_000))) {
            api().contentType(ContentType.JSON).body(bad).post("/api/v1/rooms/{room}/bans", room).then()
                    .statusCode(400).body("type", equalTo("urn:chat:problem:validation"))
                    .body("detail", containsString("seconds"));
        }
    }

    @Test
    void roomsAreListedWithMemberCountsByPrefixAndPagedAndMembersByRoom() {
        String prefix = uniqueRoom("api-list");
        try (WsClient a1 = WsClient.join(base, prefix + "-a", "alice");
                WsClient a2 = WsClient.join(base, prefix + "-a", "bob");
                WsClient b1 = WsClient.join(base, prefix + "-b", "carol")) {
            api().queryParam("prefix", prefix).get("/api/v1/rooms").then().statusCode(200)
                    .body("rooms.room", equalTo(List.of(prefix + "-a", prefix + "-b")))
                    .body("rooms.members", equalTo(List.of(2, 1))).body("next", equalTo(null));
            String next = api().queryParam("prefix", prefix).queryParam("limit", 1).get("/api/v1/rooms").then()
                    .statusCode(200).body("rooms.room", equalTo(List.of(prefix + "-a")))
                    .extract().path("next");
            api().queryParam("prefix", prefix).queryParam("cursor", next).queryParam("limit", 1)
                    .get("/api/v1/rooms").then().statusCode(200).body("rooms.room", equalTo(List.of(prefix + "-b")));
            api().get("/api/v1/rooms/{room}/members", prefix + "-a").then().statusCode(200)
                    .body("members.name", equalTo(List.of("alice", "bob")));
            api().get("/api/v1/rooms/{room}/members", prefix + "-none").then().statusCode(200)
                    .body("members", equalTo(List.of()));
        }
    }

    @Test
    void historyIsPagedBeforeAnId() {
        String room = uniqueRoom("api-history");
        for (String text : List.of("one", "two", "three")) {
            api().contentType(ContentType.JSON).body(Map.of("text", text)).post("/api/v1/rooms/{room}/messages", room)
                    .then().statusCode(201);
        }
        String before = api().queryParam("limit", 2).get("/api/v1/rooms/{room}/messages", room).then()
                .statusCode(200).body("messages.text", equalTo(List.of("two", "three"))).extract().path("next");
        api().queryParam("limit", 2).queryParam("before", before).get("/api/v1/rooms/{room}/messages", room).then()
                .statusCode(200).body("messages.text", equalTo(List.of("one"))).body("next", equalTo(null));
    }

    @Test
    void statsCountThisNodeAndTheCluster() {
        String room = uniqueRoom("api-stats");
        try (WsClient alice = WsClient.join(base, room, "alice")) {
            api().get("/api/v1/stats").then().statusCode(200)
                    .body("node.connections", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("node.rooms", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("cluster.nodes", equalTo(1))
                    .body("cluster.messagesPerSecond", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void apiCallsAreCountedByRouteTemplateAndStatusWithoutRoomNames() {
        String room = uniqueRoom("api-metrics");
        api().get("/api/v1/rooms/{room}/members", room).then().statusCode(200);
        given().get("/api/v1/rooms/{room}/members", room).then().statusCode(401);
        String metrics = given().get(ManagementInterface.uri("/q/metrics")).then().statusCode(200).extract()
                .asString();
        List<String> lines = metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("uri=\"/api/v1/rooms/{room}/members\"")).toList();
        org.hamcrest.MatcherAssert.assertThat(lines, hasItem(containsString("status=\"200\"")));
        org.hamcrest.MatcherAssert.assertThat(metrics, not(containsString(room)));
        org.hamcrest.MatcherAssert.assertThat(lines.get(0), startsWith("http_server_requests_seconds_count"));
    }
}
