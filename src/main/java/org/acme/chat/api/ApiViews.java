package org.acme.chat.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/** The bodies the server API takes and answers with (docs/api.md shows each). */
public final class ApiViews {

    /** A close reason: printable, short enough for a WebSocket close frame. */
    static final String REASON = "[^\\p{Cntrl}]*";
    static final int MAX_REASON = 120;
    /** A year. */
    static final int MAX_BAN_SECONDS = 31_536_000;

    private ApiViews() {
    }

    /** {@code POST /rooms/{room}/messages}: the text, and a sender name instead of {@code system}. */
    @RegisterForReflection
    public record PostMessage(String text, String from) {
    }

    /** {@code POST /rooms/{room}/members/{name}/kick}. */
    @RegisterForReflection
    public record Kick(@Size(max = MAX_REASON) @Pattern(regexp = REASON) String reason) {
    }

    /** {@code POST /rooms/{room}/bans}. */
    @RegisterForReflection
    public record Ban(@NotNull String name, @NotNull @Min(1) @Max(MAX_BAN_SECONDS) Integer seconds,
            @Size(max = MAX_REASON) @Pattern(regexp = REASON) String reason) {
    }

    /** A ban as it was made: until when (epoch ms) and whether a member of that name was present and removed. */
    @RegisterForReflection
    public record BanMade(String room, String name, long until, boolean kicked) {
    }

    @RegisterForReflection
    public record RoomCount(String room, int members) {
    }

    /** A page of rooms; {@code next} is the {@code cursor} for the next page, null on the last. */
    @RegisterForReflection
    public record RoomList(List<RoomCount> rooms, String next) {
    }

    @RegisterForReflection
    public record MemberList(String room, List<Member> members) {
    }

    /** A page of history, oldest first; {@code next} is the {@code before} for older messages, null when none. */
    @RegisterForReflection
    public record MessagePage(String room, List<ChatMessage> messages, String next) {
    }

    @RegisterForReflection
    public record Counts(int connections, int rooms, double messagesPerSecond) {
    }

    /** This node's counts, and the cluster's: {@code nodes} reporting, their connections and rates summed. */
    @RegisterForReflection
    public record Stats(Counts node, ClusterCounts cluster) {
    }

    @RegisterForReflection
    public record ClusterCounts(int nodes, int connections, int rooms, double messagesPerSecond) {
    }
}
