package org.acme.chat.heartbeat;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The heartbeat checks against the packaged application. */
@QuarkusIntegrationTest
class HeartbeatIT extends HeartbeatTest {
}
