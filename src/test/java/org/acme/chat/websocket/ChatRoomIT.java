package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link ChatRoomTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ChatRoomIT extends ChatRoomTest {
}
