package org.acme.chat.api;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.ApiKeys;
import org.acme.chat.support.Frames;
import org.acme.chat.support.PackagedApp;
import org.acme.chat.support.TwoNodes;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server API against the packaged app (jar or native), twice, sharing rooms through a real Redis: what is asked of
 * node A happens to members on node B (a post reaches them, a kick closes them, a ban refuses their rejoin), and what
 * node A lists includes node B's members; the basic flow (post, history, delete, stats) end to end.
 */
class ServerApiClusterIT {

    private static TwoNodes nodes;

    @BeforeAll
    static void startCluster() throws IOException {
        Map<String, String> config = new HashMap<>(ApiKeys.config());
        config.put("chat.api.stats-interval", "1s");
        nodes = TwoNodes.start("api", config);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try (TwoNodes closing = nodes) {
            if (closing != null) {
                closing.assertNoErrorsLogged(); // a call that did its work on Redis's thread must not end in a 500
            }
        }
    }

    private static RequestSpecification api(PackagedApp node) {
        return given().baseUri(node.base().toString()).header("Authorization", ApiKeys.bearer(ApiKeys.KEY));
    }

    @Test
    void aPostOnOneNodeReachesMembersOnTheOtherAndItsHistoryAndADeleteRemovesItThere() {
        String room = uniqueRoom("api-cluster-post");
        try (WsClient bob = WsClient.join(nodes.b().base(), room, "bob")) {
            String id = api(nodes.a()).contentType(ContentType.JSON).body(Map.of("text", "from the backend"))
                    .post("/api/v1/rooms/{room}/messages", room).then().statusCode(201)
                    .body("from.id", equalTo("system")).extract().path("id");
            JsonObject received = bob.next("message");
            assertEquals(id, received.getString("id"));
            assertEquals("from the backend", received.getString("text"));

            bob.send(Frames.message("from bob"));
            bob.next("message");
            api(nodes.b()).get("/api/v1/rooms/{room}/messages", room).then().statusCode(200)
                    .body("messages.text", equalTo(List.of("from the backend", "from bob")));
            api(nodes.a()).delete("/api/v1/rooms/{room}/messages/{id}", room, id).then().statusCode(204);
            api(nodes.b()).get("/api/v1/rooms/{room}/messages", room).then().statusCode(200)
                    .body("messages.text", equalTo(List.of("from bob")));
            api(nodes.b()).delete("/api/v1/rooms/{room}/messages/{id}", room, id).then().statusCode(404)
                    .body("type", equalTo("urn:chat:problem:unknown-message"));
        }
    }

    @Test
    void aKickOnOneNodeClosesTheMemberOnTheOther() {
        String room = uniqueRoom("api-cluster-kick");
        try (WsClient alice = WsClient.join(nodes.a().base(), room, "alice");
                WsClient bob = WsClient.join(nodes.b().base(), room, "bob")) {
            alice.next("join");
            api(nodes.a()).contentType(ContentType.JSON).body(Map.of("reason", "off topic"))
                    .post("/api/v1/rooms/{room}/members/{name}/kick", room, "bob").then().statusCode(204);
            assertEquals(4403, bob.awaitClose());
            assertEquals("off topic", bob.closeReason());
            assertEquals("bob", alice.next("leave").getJsonObject("member").getString("name"));
        }
    }

    @Test
    void aBanOnOneNodeRefusesTheRejoinOnTheOtherUntilItIsLifted() {
        String room = uniqueRoom("api-cluster-ban");
        try (WsClient mallory = WsClient.join(nodes.b().base(), room, "mallory")) {
            api(nodes.a()).contentType(ContentType.JSON).body(Map.of("name", "mallory", "seconds", 600))
                    .post("/api/v1/rooms/{room}/bans", room).then().statusCode(201).body("kicked", equalTo(true));
            assertEquals(4403, mallory.awaitClose());
        }
        assertEquals(403, WsClient.rejectedStatus(nodes.b().base(), chatPath(room, "mallory")));
        assertEquals(403, WsClient.rejectedStatus(nodes.a().base(), chatPath(room, "Mallory")));
        api(nodes.b()).delete("/api/v1/rooms/{room}/bans/{name}", room, "mallory").then().statusCode(204);
        WsClient.join(nodes.b().base(), room, "mallory").close();
    }

    @Test
    void roomsMembersAndStatsIncludeTheOtherNode() {
        String prefix = uniqueRoom("api-cluster-list");
        try (WsClient alice = WsClient.join(nodes.a().base(), prefix + "-a", "alice");
                WsClient bob = WsClient.join(nodes.b().base(), prefix + "-a", "bob");
                WsClient carol = WsClient.join(nodes.b().base(), prefix + "-b", "carol")) {
            api(nodes.a()).queryParam("prefix", prefix).get("/api/v1/rooms").then().statusCode(200)
                    .body("rooms.room", equalTo(List.of(prefix + "-a", prefix + "-b")))
                    .body("rooms.members", equalTo(List.of(2, 1)));
            api(nodes.a()).get("/api/v1/rooms/{room}/members", prefix + "-a").then().statusCode(200)
                    .body("members.name", equalTo(List.of("alice", "bob")));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                JsonObject stats = new JsonObject(api(nodes.a()).get("/api/v1/stats").then().statusCode(200).extract()
                        .asString());
                JsonObject cluster = stats.getJsonObject("cluster");
                return cluster.getInteger("nodes") == 2 && cluster.getInteger("connections") >= 3
                        && stats.getJsonObject("node").getInteger("connections") >= 1;
            });
        }
    }

    @Test
    void withoutAKeyTheApiIs401() {
        given().baseUri(nodes.a().base().toString()).get("/api/v1/rooms").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
