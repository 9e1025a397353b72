package org.acme.chat.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link HttpMetricsTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class HttpMetricsIT extends HttpMetricsTest {
}
