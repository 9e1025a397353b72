package org.acme.chat.protocol;

/** A client frame that breaks protocol v1; becomes an {@code error} event, never a closed connection. */
public class ProtocolException extends Exception {

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
