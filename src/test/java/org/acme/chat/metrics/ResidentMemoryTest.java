package org.acme.chat.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code process_resident_memory_bytes} is the {@code VmRSS} line of {@code /proc/self/status}, in bytes. */
class ResidentMemoryTest {

    @TempDir
    Path dir;

    @Test
    void readsVmRssInKibibytesAsBytes() throws IOException {
        Path status = Files.writeString(dir.resolve("status"),
                "Name:\tjava\nVmPeak:\t  999999 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n");
        assertEquals(123_456L * 1024, ResidentMemory.read(status));
    }

    @Test
    void anUnreadableOrForeignFileReadsAsMinusOne() throws IOException {
        assertEquals(-1, ResidentMemory.read(dir.resolve("missing")));
        assertEquals(-1, ResidentMemory.read(Files.writeString(dir.resolve("status"), "Name:\tjava\n")));
    }
}
