package org.acme.chat.limits;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The slow-consumer check against the packaged application. */
@QuarkusIntegrationTest
class SlowConsumerIT extends SlowConsumerTest {
}
