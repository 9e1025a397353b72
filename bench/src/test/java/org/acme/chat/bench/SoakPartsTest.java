package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pure parts of the soak: ids, metrics, /proc, tally keys. */
class SoakPartsTest {

    private static final String EXPOSITION = """
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 6.0E7
            chat_errors_total{code="rate_limited"} 12.0
            chat_errors_total{code="name_taken"} 0.0
            """;

    @Test
    void messageIdsCompareAsNumbersNotStrings() {
        assertTrue(SteadyMember.compareIds("1000-10", "1000-9") > 0);
        assertTrue(SteadyMember.compareIds("999-5", "1000-0") < 0);
        assertEquals(0, SteadyMember.compareIds("1000-1", "1000-1"));
    }

    @Test
    void heapIsTheSumOfTheHeapPoolsOnly() {
        assertEquals(3.5e7, ServerMetrics.sum(EXPOSITION, "jvm_memory_used_bytes", "area=\"heap\""));
        assertTrue(Double.isNaN(ServerMetrics.sum(EXPOSITION, "jvm_gc_live_data_size_bytes", "")));
    }

    @Test
    void refusalsAreReadByCode() {
        assertEquals(Map.of("name_taken", 0.0, "rate_limited", 12.0),
                ServerMetrics.byLabel(EXPOSITION, "chat_errors_total", "code"));
    }

    @Test
    void procReadingsOfThisProcessAreThere() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ServerProcess.of(pid).rssKib() > 1024, "a JVM holds more than 1 MiB");
        assertTrue(CpuMeter.ticks(pid) >= 0);
        assertEquals(-1, CpuMeter.ticks(Long.MAX_VALUE), "a process that is gone");
    }

    @Test
    void perRequestErrorIdsAreLeftOutOfTallyKeys() {
        assertEquals("HTTP 500 {\"details\":\"Error id <id>\",\"stack\":\"\"}",
                WsAbusers.reason("HTTP 500 {\"details\":\"Error id ad32a9e1-9c97-4d05-a9c8-c55493ccc9b2-12\","
                        + "\"stack\":\"\"}"));
    }

    @Test
    void tcpOutcomesAreShortAndBucketed() {
        assertEquals("HTTP/1.1 408 Request Timeout",
                TcpAbusers.firstLine(Buffer.buffer("HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\n\r\n")));
        assertEquals("within 1 s", TcpAbusers.age(500_000_000L));
        assertEquals("after 10-60 s", TcpAbusers.age(30_000_000_000L));
        assertEquals("after 60 s or more", TcpAbusers.age(61_000_000_000L));
    }
}
