package org.acme.chat.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.lifecycle.Draining;
import org.acme.chat.room.RoomService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the chat service accepts connections (DOWN once it drains for shutdown); reports what it carries. */
@Readiness
@ApplicationScoped
public class ChatReadinessCheck implements HealthCheck {

    public static final String NAME = "chat";

    private final RoomService rooms;
    private final Draining draining;

    public ChatReadinessCheck(RoomService rooms, Draining draining) {
        this.rooms = rooms;
        this.draining = draining;
    }

    @Override
    public HealthCheckResponse call() {
        boolean accepting = !draining.isDraining();
        return HealthCheckResponse.named(NAME)
                .status(accepting)
                .withData("accepting", accepting)
                .withData("connections", rooms.connections())
                .withData("rooms", rooms.activeRooms())
                .build();
    }
}
