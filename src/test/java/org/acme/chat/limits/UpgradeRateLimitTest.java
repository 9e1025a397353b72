package org.acme.chat.limits;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Prometheus.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.acme.chat.support.Names;
import org.acme.chat.support.RawClient;
import org.junit.jupiter.api.Test;

/**
 * One address joining and leaving in a loop gets 429 with {@code Retry-After} once it has spent its upgrade budget
 * (a burst of 5 and 0.5 per second here); other addresses are not affected.
 */
@QuarkusTest
@TestProfile(UpgradeRateLimitTest.TightBudget.class)
class UpgradeRateLimitTest {

    public static class TightBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.limits.upgrades-per-second-per-ip", "0.5", "chat.limits.upgrade-burst-per-ip", "5");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aChurningAddressGets429WithRetryAfterAndOthersDoNot() {
        String room = Names.uniqueRoom("churn");
        double refused = value("chat_errors_total{code=\"too_many_upgrades\"}");
        for (int i = 0; i < 5; i++) {
            assertEquals(101, RawClient.upgradeStatus(base, chatPath(room, "churner" + i), "", "127.0.0.41"));
        }

        String head = RawClient.upgradeHead(base, chatPath(room, "churner"), "", "127.0.0.41");
        assertTrue(head.startsWith("HTTP/1.1 429"), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("retry-after: 1"), head);
        assertEquals(101, RawClient.upgradeStatus(base, chatPath(room, "other"), "", "127.0.0.42"));
        assertEquals(101, RawClient.upgradeStatus(base, "/echo", "", "127.0.0.43"));
        assertEquals(refused + 1, value("chat_errors_total{code=\"too_many_upgrades\"}"));
    }
}
