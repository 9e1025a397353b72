package org.acme.chat.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with {@code chat.*} settings that cannot work together, naming each conflict, rather than failing
 * clients one by one later (every joiner closed by its own welcome, say).
 */
@ApplicationScoped
public class ConfigChecks {

    void check(@Observes StartupEvent start, ChatConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("chat configuration cannot work: " + String.join("; ", problems));
        }
    }

    /** What is wrong with {@code config}, one sentence per conflict; empty if nothing is. */
    public static List<String> problems(ChatConfig config) {
        List<String> problems = new ArrayList<>();
        ChatConfig.SendQueue queue = config.sendQueue();
        if (queue.lowWaterBytes() <= 0 || queue.lowWaterBytes() >= queue.maxBytes()) {
            problems.add("chat.send-queue.low-water-bytes (" + queue.lowWaterBytes()
                    + ") must be above 0 and below chat.send-queue.max-bytes (" + queue.maxBytes() + ")");
        }
        if (queue.drainTimeout().isNegative() || queue.drainTimeout().isZero()) {
            problems.add("chat.send-queue.drain-timeout must be positive");
        }
        if (config.history().welcomeMaxBytes() >= queue.maxBytes()) {
            problems.add("chat.history.welcome-max-bytes (" + config.history().welcomeMaxBytes()
                    + ") must be below chat.send-queue.max-bytes (" + queue.maxBytes()
                    + "), or the frame after every welcome closes its joiner");
        }
        if (config.maxFrameBytes() >= queue.maxBytes()) {
            problems.add("chat.max-frame-bytes (" + config.maxFrameBytes()
                    + ") must be below chat.send-queue.max-bytes (" + queue.maxBytes()
                    + "), or one message could close its readers");
        }
        return problems;
    }
}
