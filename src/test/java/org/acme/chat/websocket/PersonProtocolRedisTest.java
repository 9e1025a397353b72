package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.acme.chat.support.RedisBacked;

/** Protocol v2 on Redis (a redis-server of the test's own). */
@QuarkusTest
@TestProfile(PersonProtocolRedisTest.OnRedis.class)
class PersonProtocolRedisTest extends PersonProtocolCases {

    public static class OnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisBacked.class));
        }
    }
}
