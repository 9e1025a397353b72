package org.acme.chat.websocket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link UpgradeRejectionTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class UpgradeRejectionIT extends UpgradeRejectionTest {
}
