package org.acme.chat.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test profile with {@code chat.auth.enabled}: tokens from {@link TestTokens} are required and trusted. */
public class TokensRequired implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return TestTokens.appConfig();
    }
}
