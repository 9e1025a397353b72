package org.acme.chat.health;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.broker.Broker;
import org.acme.chat.room.RoomService;
import org.acme.chat.session.Draining;
import org.acme.chat.transport.vertx.TransportInternals;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the chat service accepts connections: DOWN once it drains for shutdown, and while the broker is out of
 * reach (Redis down: open connections stay, new members go to other nodes). Reports what it carries, and whether the
 * transport runs on its fast path ({@code transport: direct}) or fell back on the public API after an upgrade, and
 * whether the event loops run on Netty's epoll transport ({@code io: epoll}) or on Java NIO.
 */
@Readiness
@ApplicationScoped
public class ChatReadinessCheck implements HealthCheck {

    public static final String NAME = "chat";

    private final RoomService rooms;
    private final Draining draining;
    private final Broker broker;
    private final Vertx vertx;

    public ChatReadinessCheck(RoomService rooms, Draining draining, Broker broker, Vertx vertx) {
        this.rooms = rooms;
        this.draining = draining;
        this.broker = broker;
        this.vertx = vertx;
    }

    @Override
    public HealthCheckResponse call() {
        boolean accepting = !draining.isDraining();
        boolean brokerUp = broker.available();
        return HealthCheckResponse.named(NAME)
                .status(accepting && brokerUp)
                .withData("accepting", accepting)
                .withData("broker", brokerUp ? "up" : "unreachable")
                .withData("connections", rooms.connections())
                .withData("rooms", rooms.activeRooms())
                .withData("transport", TransportInternals.summary())
                .withData("io", vertx.isNativeTransportEnabled() ? "epoll" : "nio")
                .build();
    }
}
