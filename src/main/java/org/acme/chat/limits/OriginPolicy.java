package org.acme.chat.limits;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.acme.chat.config.ChatConfig;

/**
 * Which browser origins may open WebSockets here: the defence against cross-site WebSocket hijacking, where a page on
 * another site opens a socket with the user's cookies. A request without {@code Origin} is not from a browser page
 * and passes. The server's own origin passes too: with {@code chat.public-hosts} set, an origin whose authority is one
 * of those hosts; without, one whose authority is the request's {@code Host} header, which a DNS-rebinding page controls.
 * Made at start-up, so that a malformed {@code chat.public-hosts} stops the application there.
 */
@ApplicationScoped
@Startup
public class OriginPolicy {

    private final boolean any;
    private final Set<String> allowed;
    private final Set<String> publicHosts;
    private final boolean localhost;

    @Inject
    public OriginPolicy(ChatConfig config) {
        this(config.allowedOrigins().orElse(List.of()), config.publicHosts().orElse(List.of()),
                LaunchMode.current() == LaunchMode.DEVELOPMENT);
    }

    /** {@code allowedOrigins} and {@code publicHosts} as configured (empty: unset); {@code devMode} adds localhost. */
    OriginPolicy(List<String> allowedOrigins, List<String> publicHosts, boolean devMode) {
        this.any = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
        this.publicHosts = publicHosts.stream().map(OriginPolicy::authority).collect(Collectors.toUnmodifiableSet());
        this.localhost = allowedOrigins.isEmpty() && devMode;
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
        if (sameOrigin(uri.getRawAuthority(), host)) {
            return true;
        }
        return localhost && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
    }

    private boolean sameOrigin(String authority, String host) {
        if (!publicHosts.isEmpty()) {
            return publicHosts.contains(authority);
        }
        return host != null && authority.equalsIgnoreCase(host);
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** A {@code chat.public-hosts} entry as an origin's authority reads, or a start-up error that says what is wrong. */
    private static String authority(String entry) {
        String authority = entry.trim().toLowerCase(Locale.ROOT);
        URI uri;
        try {
            uri = URI.create("http://" + authority);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !authority.equals(uri.getRawAuthority())) {
            throw new IllegalArgumentException("chat.public-hosts: '" + entry
                    + "' is not a host or host:port (write chat.example.com, not https://chat.example.com/)");
        }
        return authority;
    }
}
