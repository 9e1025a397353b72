package org.acme.chat.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The app's management interface ({@code /q/health}, {@code /q/metrics}), which listens on a port of its own. Every app
 * a test starts ({@code @QuarkusTest}, and the packaged app of a {@code @QuarkusIntegrationTest}, which Quarkus cannot
 * give a random management port it could find again) gets a free port from here, so that parallel builds on one
 * machine do not collide on 9000.
 */
@WithTestResource(value = ManagementInterface.class, scope = TestResourceScope.GLOBAL)
public class ManagementInterface implements QuarkusTestResourceLifecycleManager {

    private static final String PORT = "quarkus.management.port";
    private static final String TEST_PORT = "quarkus.management.test-port";

    @Override
    public Map<String, String> start() {
        String port = Integer.toString(PackagedApp.freePort());
        return Map.of(PORT, port, TEST_PORT, port);
    }

    @Override
    public void stop() {
        // nothing to release: the port was only chosen
    }

    /** {@code path} (e.g. {@code /q/metrics}) on the management interface of the app under test. */
    public static URI uri(String path) {
        // A @QuarkusIntegrationTest sees the resource's properties as system properties, a @QuarkusTest as config.
        String port = System.getProperty(TEST_PORT,
                ConfigProvider.getConfig().getOptionalValue(TEST_PORT, String.class).orElse("9001"));
        return URI.create("http://localhost:" + port + path);
    }
}
