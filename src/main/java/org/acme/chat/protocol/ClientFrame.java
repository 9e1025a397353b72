package org.acme.chat.protocol;

/** A decoded, validated frame from a client. */
public sealed interface ClientFrame {

    /** {@code {"type":"message","text":"…","ref":"optional"}}; {@code ref} is null when absent. */
    record Send(String text, String ref) implements ClientFrame {
    }

    /** {@code {"type":"ping"}}. */
    record Ping() implements ClientFrame {
    }
}
