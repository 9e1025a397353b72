package org.acme.chat.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link JoinCheckResourceTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class JoinCheckResourceIT extends JoinCheckResourceTest {
}
