package org.acme.chat.session;

import org.acme.chat.protocol.RefusedException;

/** The room and {@code ref} of a refused v2 frame, where the decoder could read them. */
final class ErrorContext {

    private ErrorContext() {
    }

    static String room(RefusedException refused) {
        return null;
    }

    static String ref(RefusedException refused) {
        return null;
    }
}
