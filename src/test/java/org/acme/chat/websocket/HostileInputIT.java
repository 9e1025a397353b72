package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The hostile-input checks against the packaged application. */
@QuarkusIntegrationTest
class HostileInputIT extends HostileInputTest {
}
