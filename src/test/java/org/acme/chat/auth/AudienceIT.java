package org.acme.chat.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The audience check against the packaged application. */
@QuarkusIntegrationTest
class AudienceIT extends AudienceTest {
}
