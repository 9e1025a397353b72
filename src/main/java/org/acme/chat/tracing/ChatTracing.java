package org.acme.chat.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * The chat's own spans (docs/observability.md, Traces): {@code chat.join} around a join, {@code chat.post} around a
 * posted message, and the {@link #step steps} inside them. Off ({@link #OFF}, or the OpenTelemetry SDK disabled because
 * no OTLP endpoint is configured) it does nothing at all: the callers check {@link #enabled()} and take their plain
 * path, so a message costs no span, context or allocation. A room's name becomes the attribute {@code chat.room} only
 * with {@code chat.tracing.room-names}; a user's name or message text never does.
 */
public final class ChatTracing {

    /** The connection a span is about: the same key and value as WebSockets Next's own {@code CLOSE} span. */
    public static final AttributeKey<String> CONNECTION_ID = AttributeKey.stringKey("connection.id");
    /** The room, only with {@code chat.tracing.room-names=true}. */
    public static final AttributeKey<String> ROOM = AttributeKey.stringKey("chat.room");
    /** The id the room gave a posted message (its position in the room's history, no content). */
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("chat.message.id");
    /** To how many members on this node a message was handed. */
    public static final AttributeKey<Long> RECIPIENTS = AttributeKey.longKey("chat.recipients");
    /** The refusal's code ({@code name_taken}, {@code room_full}...) of a join or post that was refused. */
    public static final AttributeKey<String> REFUSAL = AttributeKey.stringKey("chat.refusal");
    /** The class of an unexpected failure (its message is not recorded: it may name a room). */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Tracing off: no spans. */
    public static final ChatTracing OFF = new ChatTracing(null, false);

    private static final Step NO_STEP = () -> {
    };

    private final Tracer tracer;
    private final boolean roomNames;

    /** Spans from {@code tracer}, or none when it is null; {@code roomNames}: whether spans may name the room. */
    public ChatTracing(Tracer tracer, boolean roomNames) {
        this.tracer = tracer;
        this.roomNames = roomNames;
    }

    /** Whether spans are made at all. */
    public boolean enabled() {
        return tracer != null;
    }

    /**
     * Runs {@code join} (the broker's join and the welcome) in a {@code chat.join} span, a child of what is current
     * (WebSockets Next's {@code OPEN} span), ended when the stage completes.
     */
    public <T> CompletionStage<T> join(String connectionId, String room, Supplier<CompletionStage<T>> join) {
        SpanBuilder builder = tracer.spanBuilder("chat.join").setSpanKind(SpanKind.INTERNAL);
        return traced(describe(builder, connectionId, room).startSpan(), join, result -> null);
    }

    /**
     * Runs {@code post} (storing and publishing the message) in a {@code chat.post} span: a trace of its own (a
     * connection lives for hours; its messages are not one operation), ended when the stage completes.
     */
    public CompletionStage<ChatMessage> post(String connectionId, String room,
            Supplier<CompletionStage<ChatMessage>> post) {
        SpanBuilder builder = tracer.spanBuilder("chat.post").setSpanKind(SpanKind.SERVER).setNoParent();
        return traced(describe(builder, connectionId, room).startSpan(), post, ChatMessage::id);
    }

    /**
     * A child span of the current one, current until it is closed: a synchronous step such as {@code chat.store}.
     * Off, the same no-op for every call.
     */
    public Step step(String name) {
        if (tracer == null) {
            return NO_STEP;
        }
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL).startSpan();
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    /**
     * {@code step} made to run in the trace that is current now, wherever and whenever it runs (a Vert.x future's
     * callback may run on another context, where the current span is not): for calls into clients that make their own
     * spans, such as the Redis client's. Off, {@code step} itself.
     */
    public <T, R> Function<T, R> inCurrentTrace(Function<T, R> step) {
        if (tracer == null) {
            return step;
        }
        Context context = Context.current();
        return value -> {
            try (Scope ignored = context.makeCurrent()) {
                return step.apply(value);
            }
        };
    }

    /** Records on the current span to how many members here a message went (nothing when off or none is current). */
    public void recipients(int count) {
        if (tracer != null) {
            Span.current().setAttribute(RECIPIENTS, count);
        }
    }

    private SpanBuilder describe(SpanBuilder builder, String connectionId, String room) {
        builder.setAttribute(CONNECTION_ID, connectionId);
        if (roomNames) {
            builder.setAttribute(ROOM, room);
        }
        return builder;
    }

    private static <T> CompletionStage<T> traced(Span span, Supplier<CompletionStage<T>> work,
            Function<T, String> messageId) {
        CompletionStage<T> stage;
        try (Scope ignored = span.makeCurrent()) {
            stage = work.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((result, failure) -> {
            if (failure != null) {
                failed(span, failure);
            } else {
                String id = messageId.apply(result);
                if (id != null) {
                    span.setAttribute(MESSAGE_ID, id);
                }
            }
            span.end();
        });
    }

    /** A refusal is an answer, not an error: its code only. Anything else: ERROR and the failure's class. */
    private static void failed(Span span, Throwable failure) {
        Refusal refusal = RefusedException.of(failure);
        if (refusal != null) {
            span.setAttribute(REFUSAL, refusal.code());
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(ERROR_TYPE, cause.getClass().getName());
    }

    /** A step in progress; closing it ends its span. */
    @FunctionalInterface
    public interface Step extends AutoCloseable {
        @Override
        void close();
    }
}
