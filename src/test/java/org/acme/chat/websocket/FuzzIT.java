package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The fuzz run against the packaged application. */
@QuarkusIntegrationTest
class FuzzIT extends FuzzTest {
}
