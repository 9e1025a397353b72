package org.acme.chat.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.acme.chat.logging.JsonConsole;
import org.jboss.logging.Logger;

/** With {@code chat.log.json} (on in the prod profile), the console logs JSON lines from start-up on. */
@Singleton
public class LogFormat {

    private static final Logger LOG = Logger.getLogger(LogFormat.class);

    void onStart(@Observes @Priority(0) StartupEvent event, ChatConfig config) {
        if (config.log().json() && JsonConsole.install() == 0) {
            LOG.warn("chat.log.json is on but there is no console handler to format: logs stay plain");
        }
    }
}
