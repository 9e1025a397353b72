package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusTest;

/** Protocol v2 on the memory broker. */
@QuarkusTest
class PersonProtocolTest extends PersonProtocolCases {
}
