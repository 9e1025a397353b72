package org.acme.chat.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start with {@code chat.*} settings that cannot work together, naming each conflict, rather than failing
 * clients one by one later (every joiner closed by its own welcome, say).
 */
@ApplicationScoped
public class ConfigChecks {

    void check(@Observes StartupEvent start, ChatConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-connections") OptionalInt httpMaxConnections) {
        List<String> problems = problems(config, httpMaxConnections);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("chat configuration cannot work: " + String.join("; ", problems));
        }
    }

    /**
     * What is wrong with {@code config} and the HTTP server's connection cap, one sentence per conflict; empty if
     * nothing is.
     */
    public static List<String> problems(ChatConfig config, OptionalInt httpMaxConnections) {
        List<String> problems = new ArrayList<>();
        int webSockets = config.limits().maxConnections();
        if (httpMaxConnections.isPresent() && httpMaxConnections.getAsInt() <= webSockets) {
            problems.add("quarkus.http.limits.max-connections (" + httpMaxConnections.getAsInt()
                    + ") must be above chat.limits.max-connections (" + webSockets
                    + "): HTTP requests and upgrades need connections of their own");
        }
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
        if (config.history().retained() < config.history().size()) {
            problems.add("chat.history.retained (" + config.history().retained() + ") must be at least "
                    + "chat.history.size (" + config.history().size()
                    + "): a welcome cannot send more messages than the room keeps");
        }
        if (config.broker() == ChatConfig.BrokerKind.REDIS
                && config.history().retention().compareTo(config.presence().ttl()) < 0) {
            problems.add("chat.history.retention (" + config.history().retention() + ") must be at least "
                    + "chat.presence.ttl (" + config.presence().ttl()
                    + "): a room with members would lose its keys between renewals");
        }
        return problems;
    }
}
