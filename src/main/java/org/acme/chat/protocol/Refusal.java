package org.acme.chat.protocol;

/**
 * Why the service refuses what a client asked for, as one value. Its {@link Kind} owns everything a refusal means on
 * the wire: the HTTP status it gets before an upgrade (with {@code Retry-After} where the client should come back), the
 * close code that ends a connection after the upgrade, or none when only the frame is refused (an {@code error} event;
 * the connection stays open), and the bounded code it is sent and counted under in {@code chat_errors_total}. The
 * message is the kind's default one-line reason, or one that names the room, the name or the limit
 * ({@link Kind#because}). docs/protocol.md lists every kind.
 */
public sealed interface Refusal {

    /** No HTTP status: the refusal never happens before an upgrade. */
    int NO_STATUS = 0;
    /** No close code: the connection stays open, the client gets an {@code error} event. */
    int STAYS_OPEN = 0;

    Kind kind();

    /** The one-line reason shown to the client. */
    String message();

    /** The code in {@code error} events and the {@code code} tag of {@code chat_errors_total}. */
    default String code() {
        return kind().code;
    }

    /** The status of a refused upgrade, or {@link #NO_STATUS}. */
    default int httpStatus() {
        return kind().httpStatus;
    }

    /** The close code when this ends a connection, or {@link #STAYS_OPEN}. */
    default int closeCode() {
        return kind().closeCode;
    }

    /** Seconds for {@code Retry-After} on a refused upgrade, or 0 for none. */
    default int retryAfterSeconds() {
        return kind().retryAfterSeconds;
    }

    /** The name is already used by a member of the room (names compare ignoring case). */
    static Refusal nameTaken(String room, String name) {
        return Kind.NAME_TAKEN.because("name '" + name + "' is already taken in room '" + room + "'");
    }

    /** The name is banned from the room (server API) until the ban expires or is lifted. */
    static Refusal banned(String room) {
        return Kind.BANNED.because("you are banned from room '" + room + "'");
    }

    /** The room has {@code chat.limits.max-members-per-room} members. */
    static Refusal roomFull(String room) {
        return Kind.ROOM_FULL.because("room '" + room + "' is full");
    }

    /** Whether this refusal ends the connection (else only the frame is refused). */
    default boolean closes() {
        return closeCode() != STAYS_OPEN;
    }

    /** Every refusal the service makes, each with its codes and default message. */
    enum Kind implements Refusal {
        // A join or upgrade: an HTTP status before the upgrade; a close code when it raced past the pre-upgrade check.
        NOT_WEBSOCKET("not_websocket", 400, STAYS_OPEN, 0,
                "WebSocket upgrade expected: connect with a WebSocket client"),
        INVALID_SUBPROTOCOL("invalid_subprotocol", 400, STAYS_OPEN, 0,
                "malformed quarkus-http-upgrade subprotocol: use quarkus-http-upgrade#Authorization#<percent-encoded"
                        + " value> next to chat.v1"),
        INVALID_JOIN("invalid_join", 400, CloseCodes.POLICY_VIOLATION, 0, "invalid room, name or since"),
        UNAUTHORIZED("unauthorized", 401, CloseCodes.POLICY_VIOLATION, 0,
                "authentication required: send a bearer token"),
        FORBIDDEN_ROOM("forbidden_room", 403, CloseCodes.POLICY_VIOLATION, 0, "your token does not grant this room"),
        FORBIDDEN_ORIGIN("forbidden_origin", 403, STAYS_OPEN, 0, "origin not allowed: add it to chat.allowed-origins"),
        BANNED("banned", 403, CloseCodes.REMOVED, 0, "you are banned from this room"),
        NAME_TAKEN("name_taken", 409, CloseCodes.NAME_TAKEN, 0, "name taken"),
        ROOM_FULL("room_full", 409, CloseCodes.TRY_AGAIN_LATER, 0, "the room is full"),
        TOO_MANY_PER_IP("too_many_per_ip", 429, CloseCodes.TRY_AGAIN_LATER, 5, "too many connections from your address"),
        TOO_MANY_UPGRADES("too_many_upgrades", 429, CloseCodes.TRY_AGAIN_LATER, 1,
                "too many connection attempts from your address: slow down"),
        INTERNAL_ERROR("internal_error", 500, CloseCodes.INTERNAL_ERROR, 0, "internal error"),
        SERVER_FULL("server_full", 503, CloseCodes.TRY_AGAIN_LATER, 5, "server is full: try again later"),
        TOO_MANY_ROOMS("too_many_rooms", 503, CloseCodes.TRY_AGAIN_LATER, 5,
                "this server has too many rooms: try again later"),
        BROKER_UNAVAILABLE("broker_unavailable", 503, CloseCodes.TRY_AGAIN_LATER, 5,
                "chat service temporarily unavailable: try again shortly"),
        SHUTTING_DOWN("shutting_down", 503, CloseCodes.GOING_AWAY, 1,
                "server shutting down: reconnect to another node"),

        // One frame refused: an error event, the connection stays open.
        INVALID_JSON("invalid_json", NO_STATUS, STAYS_OPEN, 0, "frame is not valid JSON"),
        INVALID_MESSAGE("invalid_message", NO_STATUS, STAYS_OPEN, 0, "a frame must be a JSON object"),
        UNKNOWN_TYPE("unknown_type", NO_STATUS, STAYS_OPEN, 0, "unknown type"),
        EMPTY_TEXT("empty_text", NO_STATUS, STAYS_OPEN, 0, "field 'text' must not be empty"),
        TEXT_TOO_LONG("text_too_long", NO_STATUS, STAYS_OPEN, 0, "text is too long"),
        INVALID_TEXT("invalid_text", NO_STATUS, STAYS_OPEN, 0,
                "text contains control characters or unpaired surrogates"),
        RATE_LIMITED("rate_limited", NO_STATUS, STAYS_OPEN, 0, "too many frames: slow down"),
        REF_TOO_LONG("ref_too_long", NO_STATUS, STAYS_OPEN, 0, "ref is too long"),
        // Protocol v2 only: a room-scoped frame refused.
        NOT_IN_ROOM("not_in_room", NO_STATUS, STAYS_OPEN, 0, "you have not joined this room"),
        ALREADY_JOINED("already_joined", NO_STATUS, STAYS_OPEN, 0, "you have joined this room already"),
        TOO_MANY_JOINED("too_many_joined", NO_STATUS, STAYS_OPEN, 0,
                "this connection is in as many rooms as it may be: leave one first"),
        FORBIDDEN("forbidden", NO_STATUS, STAYS_OPEN, 0, "only its author may change a message"),
        NOT_FOUND("not_found", NO_STATUS, STAYS_OPEN, 0, "no such message in this room"),
        INVALID_EMOJI("invalid_emoji", NO_STATUS, STAYS_OPEN, 0, "emoji must be one emoji"),
        TOO_MANY_REACTIONS("too_many_reactions", NO_STATUS, STAYS_OPEN, 0,
                "a message holds at most 20 different emoji"),

        // The connection is closed for what it did after the upgrade.
        PROTOCOL_ERROR("protocol_error", NO_STATUS, CloseCodes.PROTOCOL_ERROR, 0, "protocol error"),
        BINARY_FRAME("binary_frame", NO_STATUS, CloseCodes.UNSUPPORTED_DATA, 0, "binary frames are not supported"),
        INVALID_UTF8("invalid_utf8", NO_STATUS, CloseCodes.INVALID_PAYLOAD, 0, "text is not valid UTF-8"),
        RATE_LIMIT_CLOSE("rate_limit_close", NO_STATUS, CloseCodes.POLICY_VIOLATION, 0, "rate limit exceeded"),
        SLOW_CONSUMER("slow_consumer", NO_STATUS, CloseCodes.POLICY_VIOLATION, 0, "too slow: send queue full"),
        TOKEN_EXPIRED("token_expired", NO_STATUS, CloseCodes.POLICY_VIOLATION, 0, "token expired"),
        KICKED("kicked", NO_STATUS, CloseCodes.REMOVED, 0, "removed from the room"),
        MESSAGE_TOO_BIG("message_too_big", NO_STATUS, CloseCodes.MESSAGE_TOO_BIG, 0, "message too big"),
        TOO_MANY_FRAGMENTS("too_many_fragments", NO_STATUS, CloseCodes.POLICY_VIOLATION, 0,
                "message split into too many fragments");

        private final String code;
        private final int httpStatus;
        private final int closeCode;
        private final int retryAfterSeconds;
        private final String message;

        Kind(String code, int httpStatus, int closeCode, int retryAfterSeconds, String message) {
            this.code = code;
            this.httpStatus = httpStatus;
            this.closeCode = closeCode;
            this.retryAfterSeconds = retryAfterSeconds;
            this.message = message;
        }

        /** This kind with a message of its own (naming the room, the name or the limit). */
        public Refusal because(String reason) {
            return new Detailed(this, reason);
        }

        @Override
        public Kind kind() {
            return this;
        }

        @Override
        public String message() {
            return message;
        }
    }

    /** A refusal whose message says more than its kind's default. */
    record Detailed(Kind kind, String message) implements Refusal {
    }
}
