package org.acme.chat.limits;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The capacity checks against the packaged application. */
@QuarkusIntegrationTest
class CapacityIT extends CapacityTest {
}
