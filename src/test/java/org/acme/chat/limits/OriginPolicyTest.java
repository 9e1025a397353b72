package org.acme.chat.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same-origin rule: with {@code chat.public-hosts} set, an origin is this server's own only if it names one of
 * them, whatever the {@code Host} header says (a DNS-rebinding page sends its own name there).
 */
class OriginPolicyTest {

    private final OriginPolicy publicHostsSet = new OriginPolicy(List.of(), List.of("chat.example.com",
            "Chat.Example.org:8443"), false);
    private final OriginPolicy hostTrusted = new OriginPolicy(List.of(), List.of(), false);

    @Test
    void aRebindingPageIsRefusedOnceThePublicHostsAreSet() {
        assertFalse(publicHostsSet.allows("http://evil", "evil"));
        assertFalse(publicHostsSet.allows("https://evil.example:8080", "evil.example:8080"));
        assertTrue(hostTrusted.allows("http://evil", "evil"), "without them the Host header is all there is");
    }

    @Test
    void thePublicHostsAreTheOwnOriginWhateverTheHostHeader() {
        assertTrue(publicHostsSet.allows("https://chat.example.com", "10.0.0.7:8080"));
        assertTrue(publicHostsSet.allows("https://CHAT.example.com/", null));
        assertTrue(publicHostsSet.allows("https://chat.example.org:8443", "chat.example.org:8443"));
        assertFalse(publicHostsSet.allows("https://chat.example.org", "chat.example.org"), "the port is part of it");
        assertFalse(publicHostsSet.allows("https://chat.example.com.evil", "chat.example.com.evil"));
    }

    @Test
    void allowedOriginsStillPassNextToThePublicHosts() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.net"), List.of("chat.example.com"), false);
        assertTrue(policy.allows("https://app.example.net", "chat.example.com"));
        assertFalse(policy.allows("https://other.example.net", "other.example.net"));
        assertTrue(policy.allows(null, "whatever"), "no Origin: not a browser page");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://chat.example.com", "chat.example.com/", "chat example.com", "", ":8080" })
    void aMalformedPublicHostStopsTheStart(String entry) {
        assertThrows(IllegalArgumentException.class, () -> new OriginPolicy(List.of(), List.of(entry), false));
    }
}
