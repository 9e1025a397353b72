package org.acme.chat.support;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.acme.chat.config.ChatConfig;

/** {@link ChatConfig} as the app reads it (SmallRye Config, Quarkus's durations), from {@code settings} over the defaults. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ChatConfig chat(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "15s", as Quarkus reads durations
                .withConverter(MemorySize.class, 100, new MemorySizeConverter()) // "64M", likewise
                .withSources(new PropertiesConfigSource(settings, "test settings", 500))
                .build();
        return config.getConfigMapping(ChatConfig.class);
    }
}
