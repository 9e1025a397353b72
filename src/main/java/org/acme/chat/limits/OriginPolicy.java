package org.acme.chat.limits;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.acme.chat.config.ChatConfig;

/**
 * Which browser origins may open WebSockets here: the defence against cross-site WebSocket hijacking, where a page on
 * another site opens a socket with the user's cookies. A request without {@code Origin} is not from a browser page
 * and passes.
 */
@ApplicationScoped
public class OriginPolicy {

    private final boolean any;
    private final Set<String> allowed;
    private final boolean localhost;

    public OriginPolicy(ChatConfig config) {
        List<String> configured = config.allowedOrigins().orElse(List.of());
        this.any = configured.contains("*");
        this.allowed = configured.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
        this.localhost = configured.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    /** Whether a request carrying {@code origin} (may be null) for {@code host} (the Host header) may upgrade. */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(normalised);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false;
        }
        if (host != null && uri.getRawAuthority().equalsIgnoreCase(host)) {
            return true; // same origin
        }
        return localhost && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
