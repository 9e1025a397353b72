package org.acme.chat.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The server API on with JWTs ({@link TestTokens}) as well as {@link ApiKeys}: {@code chat-admin} is the role. */
public class ApiWithTokens implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(TestTokens.appConfig());
        config.putAll(ApiKeys.config());
        return config;
    }
}
