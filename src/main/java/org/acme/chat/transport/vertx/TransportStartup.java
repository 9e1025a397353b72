package org.acme.chat.transport.vertx;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Checks the transport's internals at start-up (not at the first connection) and says in one line how it runs. */
@ApplicationScoped
public class TransportStartup {

    private static final Logger LOG = Logger.getLogger(TransportStartup.class);

    void check(@Observes StartupEvent event) {
        if (TransportInternals.allInPlace()) {
            LOG.debugf("transport: every internal in place (%d checked; the pipeline's at the first upgrade)",
                    TransportInternals.report().size());
        } else {
            LOG.warnf("transport: running on the public API where an internal is missing: %s",
                    TransportInternals.report());
        }
    }
}
