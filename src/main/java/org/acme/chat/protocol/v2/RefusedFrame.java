package org.acme.chat.protocol.v2;

import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * A v2 frame refused by {@link FrameDecoder}, with what of it can go back in the {@code error} frame: its {@code room}
 * when that field was a valid room name and its {@code ref} when that was a string within the length limit (each null
 * otherwise: an invalid value is never echoed). It never closes the connection, whatever its kind's close code says:
 * {@code invalid_join}'s 1008 is v1's, where a join is the connection; in v2 it is an {@code error} like the others.
 */
public final class RefusedFrame extends RefusedException {

    private final String room;
    private final String ref;

    public RefusedFrame(Refusal refusal, String room, String ref) {
        super(refusal);
        this.room = room;
        this.ref = ref;
    }

    /** The frame's room, or null when it had none that is valid. */
    public String room() {
        return room;
    }

    /** The frame's ref, or null when it had none that is valid. */
    public String ref() {
        return ref;
    }

    /** The {@code error} frame that answers the refused frame. */
    public ErrorFrame errorFrame() {
        return new ErrorFrame(refusal(), room, ref);
    }
}
