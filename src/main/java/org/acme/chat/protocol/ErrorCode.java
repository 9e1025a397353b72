package org.acme.chat.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Codes of the {@code error} event. The connection stays open after each of them. */
// Jackson finds @JsonValue by reflection: without this, a native image writes the constant's name instead.
@RegisterForReflection
public enum ErrorCode {
    /** The frame is not valid JSON. */
    INVALID_JSON("invalid_json"),
    /** Valid JSON, but not an object, or {@code type}, {@code text} or {@code ref} has the wrong JSON type. */
    INVALID_MESSAGE("invalid_message"),
    /** {@code type} is not one a client may send. */
    UNKNOWN_TYPE("unknown_type"),
    /** A {@code message} without text, or whose text is only whitespace. */
    EMPTY_TEXT("empty_text"),
    /** The text is longer than {@code chat.message.max-length}. */
    TEXT_TOO_LONG("text_too_long"),
    /** The text holds a control character (other than tab, line feed, carriage return) or an unpaired surrogate. */
    INVALID_TEXT("invalid_text"),
    /** The connection sent frames faster than {@code chat.rate.*} allows; this one was dropped. */
    RATE_LIMITED("rate_limited"),
    /** The {@code ref} is longer than {@code chat.message.max-ref-length}. */
    REF_TOO_LONG("ref_too_long");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
