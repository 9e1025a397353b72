package org.acme.chat.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The token checks against the packaged application. */
@QuarkusIntegrationTest
class AuthIT extends AuthTest {
}
