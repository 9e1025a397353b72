package org.acme.chat.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test profile with the server API on: two keys ({@link #KEY} and {@link #ROTATED}), no JWTs. */
public class ApiKeys implements QuarkusTestProfile {

    public static final String KEY = "backend-secret-0123456789";
    public static final String ROTATED = "rotated-secret-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return config();
    }

    /** The same settings, for a packaged app. */
    public static Map<String, String> config() {
        return Map.of("chat.api.keys.backend", KEY, "chat.api.keys.rotated", ROTATED);
    }

    /** The {@code Authorization} header value for {@code secret}. */
    public static String bearer(String secret) {
        return "Bearer " + secret;
    }
}
