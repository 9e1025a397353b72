package org.acme.chat.room;

/** A room or member name that breaks the naming rules; its message is the one-line reason shown to the client. */
public class InvalidJoinException extends Exception {

    public InvalidJoinException(String reason) {
        super(reason, null, false, false);
    }
}
