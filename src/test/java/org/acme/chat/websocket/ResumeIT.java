package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Resuming against the packaged application. */
@QuarkusIntegrationTest
class ResumeIT extends ResumeTest {
}
