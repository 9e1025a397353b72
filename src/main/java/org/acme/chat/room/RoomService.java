package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.history.InMemoryHistoryStore;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;

/** The application's rooms: the {@link RoomRegistry} wired to configuration and metrics. */
@ApplicationScoped
public class RoomService {

    private final RoomRegistry registry;
    private final ChatMetrics metrics;

    public RoomService(ChatConfig config, EventEncoder encoder, ChatMetrics metrics) {
        var history = new InMemoryHistoryStore(config.history().size(), config.history().maxRooms());
        this.registry = new RoomRegistry(history, encoder, Clock.systemUTC());
        this.metrics = metrics;
        metrics.watch(registry);
    }

    public void join(String room, Participant participant) throws NameTakenException {
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
