package org.acme.chat.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HistoryBytesGaugeTest} against the packaged application. */
@QuarkusIntegrationTest
class HistoryBytesGaugeIT extends HistoryBytesGaugeTest {
}
