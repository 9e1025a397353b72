package org.acme.chat.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks as {@link MetricsTest}, against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class MetricsIT extends MetricsTest {
}
