package org.acme.chat.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link ManagementInterfaceTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ManagementInterfaceIT extends ManagementInterfaceTest {
}
