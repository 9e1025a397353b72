package org.acme.chat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code chat.history.max-bytes}: as set, or a quarter of the heap the JVM may grow to when unset. */
class HistoryBytesDefaultTest {

    @Test
    void unsetItIsAQuarterOfTheMaximumHeap() {
        assertEquals(Runtime.getRuntime().maxMemory() / 4, BrokerProducer.historyBytes(Optional.empty()));
    }

    @Test
    void setItIsTheSizeGiven() {
        assertEquals(64L << 20, BrokerProducer.historyBytes(Optional.of(new MemorySizeConverter().convert("64M"))));
    }
}
