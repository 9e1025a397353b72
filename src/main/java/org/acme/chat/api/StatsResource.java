package org.acme.chat.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.acme.chat.broker.Census;
import org.acme.chat.room.RoomAdmin;
import org.acme.chat.room.RoomService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/stats}: this node's counts and the cluster's (every node that reported recently). */
@Path(ApiGuard.PREFIX + "/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
public class StatsResource {

    private final RoomAdmin admin;
    private final RoomService rooms;
    private final MessageRate rate;

    public StatsResource(RoomAdmin admin, RoomService rooms, MessageRate rate) {
        this.admin = admin;
        this.rooms = rooms;
        this.rate = rate;
    }

    @GET
    @Operation(summary = "Connections, rooms and messages per second, of this node and of the cluster")
    public CompletionStage<ApiViews.Stats> stats() {
        double perSecond = rate.perSecond();
        ApiViews.Counts node = new ApiViews.Counts(rooms.connections(), rooms.activeRooms(), perSecond);
        return admin.census(perSecond, rate.staleAfter()).thenApply(census -> new ApiViews.Stats(node,
                new ApiViews.ClusterCounts(census.nodes().size(),
                        census.nodes().stream().mapToInt(Census.NodeStats::connections).sum(), census.rooms(),
                        census.nodes().stream().mapToDouble(Census.NodeStats::messagesPerSecond).sum())));
    }
}
