package org.acme.chat.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.room.RoomService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the chat service accepts connections; reports what it is carrying. */
@Readiness
@ApplicationScoped
public class ChatReadinessCheck implements HealthCheck {

    public static final String NAME = "chat";

    private final RoomService rooms;

    public ChatReadinessCheck(RoomService rooms) {
        this.rooms = rooms;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("accepting", true)
                .withData("connections", rooms.connections())
                .withData("rooms", rooms.activeRooms())
                .build();
    }
}
