package org.acme.chat.transport.vertx;

import io.quarkus.websockets.next.Connection;
import io.smallrye.mutiny.Uni;
import org.acme.chat.logging.ConnectionLog;

/** Starts a send or close on a connection without waiting; a failure only means the peer is already gone. */
final class FireAndForget {

    private static final ConnectionLog LOG = ConnectionLog.of(FireAndForget.class);

    private FireAndForget() {
    }

    static void run(Uni<Void> operation, Connection connection, String what) {
        operation.subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf(connection.id(), "%s on connection %s failed: %s", what, connection.id(), failure));
    }
}
