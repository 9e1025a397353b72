package org.acme.chat.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link HealthTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
