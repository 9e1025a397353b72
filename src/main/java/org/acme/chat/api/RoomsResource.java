package org.acme.chat.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.FrameDecoder;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.room.RoomAdmin;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The server API's rooms: post, list, read history, delete a message, kick, ban and lift a ban, on every node (through
 * {@link RoomAdmin}). Authentication is {@link ApiGuard}'s; every change is audited ({@link Audit}).
 */
@Path(ApiGuard.PREFIX + "/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rooms")
public class RoomsResource {

    static final String ROOM = JoinRequest.ROOM_REGEX;
    static final String ROOM_RULE = "1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit";
    static final String MESSAGE_ID = "[0-9]{1,19}-[0-9]{1,19}";
    static final int MAX_PAGE = 100;

    private final RoomAdmin admin;
    private final FrameDecoder texts;
    private final Audit audit;
    private final ApiCaller caller;

    public RoomsResource(RoomAdmin admin, FrameDecoder texts, Audit audit, ApiCaller caller) {
        this.admin = admin;
        this.texts = texts;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    @Path("/{room}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a message to every member of the room, as the server (or as 'from')")
    public CompletionStage<Response> post(@PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room,
            @NotNull @Valid ApiViews.PostMessage body) {
        String who = caller.who(); // read here: the request scope is not active where the broker completes
        String text = text(body.text());
        String from = body.from() == null ? null : name(room, body.from());
        return admin.post(room, from, text).thenApply(message -> {
            audit.record(who, "post", room, message.id());
            return created(ApiGuard.PREFIX + "/rooms/" + room + "/messages/" + message.id(), message);
        });
    }

    @GET
    @Operation(summary = "List the rooms with members on any node, by name, with their member counts")
    public CompletionStage<ApiViews.RoomList> rooms(
            @QueryParam("prefix") @DefaultValue("") @Pattern(regexp = "[A-Za-z0-9_.-]{0,64}") String prefix,
            @QueryParam("cursor") @Pattern(regexp = ROOM, message = ROOM_RULE) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit) {
        return admin.rooms(prefix, cursor, limit).thenApply(page -> new ApiViews.RoomList(page.rooms().stream()
                .map(count -> new ApiViews.RoomCount(count.room(), count.members())).toList(), page.next()));
    }

    @GET
    @Path("/{room}/members")
    @Operation(summary = "List the room's members on every node, in order of arrival")
    public CompletionStage<ApiViews.MemberList> members(
            @PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room) {
        return admin.members(room).thenApply(members -> new ApiViews.MemberList(room, members));
    }

    @GET
    @Path("/{room}/messages")
    @Operation(summary = "Read the room's stored history, newest page first, each page oldest first")
    public CompletionStage<ApiViews.MessagePage> history(
            @PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room,
            @QueryParam("before") @Pattern(regexp = MESSAGE_ID, message = "a message id, <ms>-<seq>") String before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit) {
        return admin.history(room, before == null ? null : MessageId.parse(before), limit).thenApply(messages ->
                new ApiViews.MessagePage(room, messages,
                        messages.size() == limit ? messages.get(0).id() : null));
    }

    @DELETE
    @Path("/{room}/messages/{id}")
    @Operation(summary = "Delete a message for everyone: history no longer lists it")
    public CompletionStage<Response> delete(@PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room,
            @PathParam("id") @Pattern(regexp = MESSAGE_ID, message = "a message id, <ms>-<seq>") String id) {
        String who = caller.who(); // read here: the request scope is not active where the broker completes
        return admin.delete(room, MessageId.parse(id)).thenApply(deleted -> {
            if (!deleted) {
                throw ApiProblem.notFound("unknown-message", "room '" + room + "' holds no message " + id);
            }
            audit.record(who, "delete", room, id);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/{room}/members/{name}/kick")
    @Consumes(MediaType.APPLICATION_JSON) // the body, and so the reason, may be left out (see ApiGuard)
    @Operation(summary = "Close every session of the member in the room, on every node (close 4403 with the reason)")
    public CompletionStage<Response> kick(@PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room,
            @PathParam("name") String name, @Valid ApiViews.Kick body) {
        String who = caller.who(); // read here: the request scope is not active where the broker completes
        String member = name(room, name);
        String reason = body == null || body.reason() == null ? null : body.reason();
        return admin.kick(room, member, reason).thenApply(kicked -> {
            if (!kicked) {
                throw ApiProblem.notFound("not-a-member", "room '" + room + "' has no member '" + member + "'");
            }
            audit.record(who, "kick", room, member);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/{room}/bans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ban a name from the room for some seconds: kicks it, and joins get 403 banned until then")
    public CompletionStage<Response> ban(@PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room,
            @NotNull @Valid ApiViews.Ban body) {
        String who = caller.who(); // read here: the request scope is not active where the broker completes
        String member = name(room, body.name());
        long until = System.currentTimeMillis() + body.seconds() * 1000L;
        return admin.ban(room, member, Duration.ofSeconds(body.seconds()), body.reason()).thenApply(kicked -> {
            audit.record(who, "ban " + body.seconds() + "s", room, member);
            return created(ApiGuard.PREFIX + "/rooms/" + room + "/bans/" + member,
                    new ApiViews.BanMade(room, member, until, kicked));
        });
    }

    @DELETE
    @Path("/{room}/bans/{name}")
    @Operation(summary = "Lift a ban")
    public CompletionStage<Response> unban(@PathParam("room") @Pattern(regexp = ROOM, message = ROOM_RULE) String room,
            @PathParam("name") String name) {
        String who = caller.who();
        String member = name(room, name);
        return admin.unban(room, member).thenApply(lifted -> {
            if (!lifted) {
                throw ApiProblem.notFound("not-banned", "'" + member + "' is not banned from room '" + room + "'");
            }
            audit.record(who, "unban", room, member);
            return Response.noContent().build();
        });
    }

    /**
     * 201 with a relative {@code Location} (RFC 9110 allows it): {@code Response.created} would resolve it against the
     * request's URI, which is not at hand on the thread where the broker completes.
     */
    private static Response created(String location, Object entity) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location).entity(entity).build();
    }

    /** A member name by the members' rules (trimmed); 400 {@code invalid-name} otherwise. */
    private static String name(String room, String raw) {
        try {
            return JoinRequest.parse(room, raw).name();
        } catch (RefusedException e) {
            throw ApiProblem.badRequest("invalid-name", e.refusal().message());
        }
    }

    /** A text by the members' rules; 400 {@code empty-text}, {@code text-too-long} or {@code invalid-text} otherwise. */
    private String text(String raw) {
        try {
            return texts.text(raw);
        } catch (RefusedException e) {
            throw ApiProblem.badRequest(e.refusal().code().replace('_', '-'), e.refusal().message());
        }
    }
}
