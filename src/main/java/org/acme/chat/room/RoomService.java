package org.acme.chat.room;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;

/**
 * The application's rooms: the {@link RoomRegistry} wired to configuration and metrics. Created at start-up, so that
 * every meter is on {@code /q/metrics} (at zero) before the first connection.
 */
@Startup
@ApplicationScoped
public class RoomService {

    private final RoomRegistry registry;
    private final ChatMetrics metrics;

    public RoomService(ChatConfig config, EventEncoder encoder, ChatMetrics metrics) {
        var history = new InMemoryHistoryStore(config.history().size(), config.history().maxRooms());
        this.registry = new RoomRegistry(history, encoder, Clock.systemUTC(), config.limits().maxRooms(),
                config.limits().maxMembersPerRoom());
        this.metrics = metrics;
        metrics.watch(registry);
    }

    public void join(String room, Participant participant) throws JoinRefusedException {
        registry.join(room, participant);
    }

    public void leave(String room, String memberId) {
        registry.leave(room, memberId);
    }

    public Posted post(String room, Member from, String text) {
        metrics.received();
        long start = System.nanoTime();
        Posted posted = registry.post(room, from, text);
        metrics.broadcast().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        metrics.delivered(posted.recipients());
        return posted;
    }

    /** Why a join to {@code room} would be refused for capacity now, or null. */
    public RoomFullException capacityProblem(String room) {
        return registry.capacityProblem(room);
    }

    public boolean isNameTaken(String room, String name) {
        return registry.isNameTaken(room, name);
    }

    public int activeRooms() {
        return registry.activeRooms();
    }

    public int connections() {
        return registry.members();
    }
}
