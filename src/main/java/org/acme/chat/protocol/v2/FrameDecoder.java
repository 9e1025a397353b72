package org.acme.chat.protocol.v2;

import org.acme.chat.protocol.RefusedException;

/**
 * Turns a v2 client text frame into a {@link ClientFrame}, or says precisely what is wrong with it (a
 * {@link RefusedException} whose refusal leaves the connection open). Thread-safe.
 */
public final class FrameDecoder {

    // PLACEHOLDER until the decoder lands (same branch of work): every frame is refused.
    public FrameDecoder(org.acme.chat.protocol.FrameDecoder v1) {
    }

    public ClientFrame decode(String frame) throws RefusedException {
        throw new UnsupportedOperationException("v2 decoder not written yet");
    }
}
