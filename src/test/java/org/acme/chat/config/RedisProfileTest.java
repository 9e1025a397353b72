package org.acme.chat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code redis} profile ({@code ./mvnw quarkus:dev -Dquarkus.profile=redis}) selects the Redis broker and lets Dev
 * Services start a Redis; no other profile does, the tests' included (they start their own redis-server). Reads
 * application.properties as Quarkus does, profile by profile. Plain JUnit.
 */
class RedisProfileTest {

    private static final String DEV_SERVICES = "quarkus.devservices.enabled";

    @Test
    void theRedisProfileRunsTheRedisBrokerOnADevServicesRedis() throws IOException {
        SmallRyeConfig redis = config("redis");
        assertEquals("redis", redis.getValue("chat.broker", String.class));
        assertEquals(true, redis.getValue(DEV_SERVICES, Boolean.class));
        assertFalse(redis.getOptionalValue("quarkus.redis.hosts", String.class).isPresent(),
                "Dev Services start a Redis only when no quarkus.redis.hosts is set");
    }

    @Test
    void noOtherProfileStartsContainersOrLeavesTheMemoryBroker() throws IOException {
        for (String profile : new String[] { "test", "dev", "prod" }) {
            SmallRyeConfig config = config(profile);
            assertEquals("memory", config.getValue("chat.broker", String.class), profile);
            assertEquals(false, config.getValue(DEV_SERVICES, Boolean.class), profile);
        }
    }

    private static SmallRyeConfig config(String profile) throws IOException {
        URL properties = Path.of("src/main/resources/application.properties").toUri().toURL();
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .build();
    }
}
