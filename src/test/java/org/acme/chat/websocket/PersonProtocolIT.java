package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Every v2 frame of {@link PersonProtocolTest} (memory broker) against the packaged application: the jar, and in CI's
 * native lane the native binary. {@link PersonClusterIT} covers two packaged nodes on Redis.
 */
@QuarkusIntegrationTest
class PersonProtocolIT extends PersonProtocolTest {
}
