package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading one sample out of a Prometheus text exposition. */
class ServerMetricsTest {

    private static final String EXPOSITION = """
            # TYPE chat_heap_allocated_bytes_total counter
            # HELP chat_heap_allocated_bytes_total Bytes allocated on the heap by the process's threads since start
            chat_heap_allocated_bytes_total 1.234567E8
            chat_heap_allocated_bytes_total_other 5.0
            chat_errors_total{code="name_taken"} 0.0
            """;

    @Test
    void readsTheUntaggedSampleByItsExactName() {
        assertEquals(1.234567e8, ServerMetrics.value(EXPOSITION, ServerMetrics.ALLOCATED));
    }

    @Test
    void aMissingOrUnreadableSampleIsNaN() {
        assertTrue(Double.isNaN(ServerMetrics.value(EXPOSITION, "chat_heap_freed_bytes_total")));
        assertTrue(Double.isNaN(ServerMetrics.value("chat_heap_allocated_bytes_total lots", ServerMetrics.ALLOCATED)));
    }
}
