package org.acme.chat.room;

/** A join the room layer refuses; its message is the one-line reason shown to the client. */
public abstract class JoinRefusedException extends Exception {

    protected JoinRefusedException(String message) {
        super(message, null, false, false);
    }
}
