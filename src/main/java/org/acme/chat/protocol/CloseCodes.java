package org.acme.chat.protocol;

/** WebSocket close codes the server sends; {@code docs/protocol.md} says what a client should do for each. */
public final class CloseCodes {

    /** Normal closure. */
    public static final int NORMAL = 1000;
    /** The server is going away (shutdown); reconnect. */
    public static final int GOING_AWAY = 1001;
    /**
     * A frame that breaks the WebSocket protocol itself (RFC 6455): a reserved opcode, reserved bits without an
     * extension, a broken fragment sequence. A client bug; do not reconnect with the same behaviour.
     */
    public static final int PROTOCOL_ERROR = 1002;
    /** A binary frame was sent to a chat room; do not reconnect with the same behaviour. */
    public static final int UNSUPPORTED_DATA = 1003;
    /**
     * A rule broken after the upgrade: too many frames (rate limit), a client too slow to read what it is sent, or a
     * naming rule the pre-upgrade check missed (defence in depth; normally a 400). The reason says which.
     */
    public static final int POLICY_VIOLATION = 1008;
    /** Text that is not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A frame or a reassembled message exceeded {@code chat.max-frame-bytes}. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Unexpected server error; reconnect with backoff. */
    public static final int INTERNAL_ERROR = 1011;
    /** The node, or the room, filled up between the pre-upgrade check and the join; reconnect with backoff. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The connection left a heartbeat ping unanswered for {@code chat.heartbeat.timeout}; reconnect. */
    public static final int HEARTBEAT_TIMEOUT = 4408;
    /** The name was taken between the upgrade check and the join (a race the 409 check cannot see). */
    public static final int NAME_TAKEN = 4409;
    /**
     * The server API removed the member from the room (a kick, or a ban, whose reason is the close reason), or a
     * banned name joined between the 403 check and the join; do not reconnect to that room automatically.
     */
    public static final int REMOVED = 4403;

    private CloseCodes() {
    }
}
