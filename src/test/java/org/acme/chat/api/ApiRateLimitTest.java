package org.acme.chat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.acme.chat.support.ApiKeys;
import org.junit.jupiter.api.Test;

/** A caller over its server API rate gets 429 with {@code Retry-After}; another caller's budget is its own. */
@QuarkusTest
@TestProfile(ApiRateLimitTest.Slow.class)
class ApiRateLimitTest {

    /** The API keys, three requests at once and one every ten seconds after that. */
    public static class Slow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(ApiKeys.config());
            config.put("chat.api.burst", "3");
            config.put("chat.api.requests-per-second", "0.1");
            return config;
        }
    }

    @Test
    void theRequestAfterTheBurstIs429AndAnotherKeyStillGetsThrough() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY)).get("/api/v1/stats").then().statusCode(200);
        }
        given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY)).get("/api/v1/rooms").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("urn:chat:problem:rate-limited")).body("status", equalTo(429));
        given().header("Authorization", ApiKeys.bearer(ApiKeys.ROTATED)).get("/api/v1/stats").then().statusCode(200);
        given().header("Authorization", "Bearer wrong-secret-0123456789").get("/api/v1/stats").then().statusCode(401);
    }
}
