package org.acme.chat.e2e;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link PageHeadersTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class PageHeadersIT extends PageHeadersTest {
}
