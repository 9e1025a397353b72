package org.acme.chat.protocol;

import java.util.concurrent.CompletionException;

/**
 * Carries a {@link Refusal} out of a call or a failed stage. Its message is the refusal's; it has no stack trace. Open
 * for subclasses that carry context with the refusal (protocol v2's {@code RefusedFrame}: the frame's room and ref).
 */
public class RefusedException extends RuntimeException {

    private final transient Refusal refusal;

    public RefusedException(Refusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The refusal a stage failed with (looking through {@link CompletionException}), or null for any other failure. */
    public static Refusal of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RefusedException refused ? refused.refusal : null;
    }
}
