package org.acme.chat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.acme.chat.support.TestConfig;
import org.junit.jupiter.api.Test;

/** Settings that cannot work together are named at start-up. Plain JUnit: the check is a function of the config. */
class ConfigChecksTest {

    @Test
    void theDefaultsWork() {
        assertEquals(List.of(), ConfigChecks.problems(TestConfig.chat(Map.of()), OptionalInt.of(12000)));
    }

    @Test
    void aWelcomeBudgetAtOrAboveTheSendQueueBoundIsRefused() {
        List<String> problems = ConfigChecks.problems(TestConfig.chat(Map.of(
                "chat.history.welcome-max-bytes", "4194304")), OptionalInt.empty());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chat.history.welcome-max-bytes (4194304) must be below"),
                problems.get(0));
    }

    @Test
    void aLowWaterMarkAtOrAboveTheBoundIsRefused() {
        List<String> problems = ConfigChecks.problems(TestConfig.chat(Map.of(
                "chat.send-queue.max-bytes", "262144", "chat.send-queue.low-water-bytes", "262144",
                "chat.history.welcome-max-bytes", "1024")), OptionalInt.empty());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chat.send-queue.low-water-bytes (262144)"), problems.get(0));
    }

    @Test
    void aFrameLimitAboveTheSendQueueBoundIsRefusedAndEveryConflictIsNamed() {
        List<String> problems = ConfigChecks.problems(TestConfig.chat(Map.of(
                "chat.send-queue.max-bytes", "65536", "chat.send-queue.low-water-bytes", "1024",
                "chat.send-queue.drain-timeout", "0s", "chat.max-frame-bytes", "65536")), OptionalInt.empty());

        assertEquals(3, problems.size(), problems::toString); // drain timeout, welcome budget, frame limit
    }

    @Test
    void anHttpConnectionCapAtOrBelowTheWebSocketCapIsRefused() {
        List<String> problems = ConfigChecks.problems(TestConfig.chat(Map.of("chat.limits.max-connections", "500")),
                OptionalInt.of(500));

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("quarkus.http.limits.max-connections (500) must be above"),
                problems.get(0));
        assertEquals(List.of(), ConfigChecks.problems(TestConfig.chat(Map.of("chat.limits.max-connections", "500")),
                OptionalInt.of(501)));
    }

    @Test
    void keepingFewerMessagesThanAWelcomeSendsIsRefused() {
        List<String> problems = ConfigChecks.problems(TestConfig.chat(Map.of("chat.history.size", "50",
                "chat.history.retained", "49")), OptionalInt.empty());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chat.history.retained (49) must be at least chat.history.size (50)"),
                problems.get(0));
        assertEquals(List.of(), ConfigChecks.problems(TestConfig.chat(Map.of("chat.history.size", "50",
                "chat.history.retained", "50")), OptionalInt.empty()), "as many as a welcome sends is enough");
    }

    @Test
    void withRedisARetentionShorterThanThePresenceTtlIsRefused() {
        List<String> problems = ConfigChecks.problems(TestConfig.chat(Map.of("chat.broker", "redis",
                "chat.presence.ttl", "30s", "chat.history.retention", "29s")), OptionalInt.empty());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chat.history.retention (PT29S) must be at least"), problems.get(0));
        assertEquals(List.of(), ConfigChecks.problems(TestConfig.chat(Map.of("chat.presence.ttl", "30s",
                "chat.history.retention", "29s")), OptionalInt.empty()), "the memory broker keeps no keys");
    }
}
