package org.acme.chat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.acme.chat.support.ConfigKeys;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every {@code chat.*} key there is. Plain JUnit. */
class ConfigDocTest {

    @Test
    void everyChatKeyIsARowOfTheReadmesConfigurationTable() throws IOException {
        String readme = Files.readString(Path.of("docs", "configuration.md"));
        List<String> missing = ConfigKeys.byEnvironmentVariable(ChatConfig.class).values().stream()
                .filter(key -> !readme.contains("| `" + key + "` |"))
                .sorted()
                .toList();

        assertEquals(List.of(), missing, "keys missing from docs/configuration.md");
    }
}
