package org.acme.chat.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.StringJoiner;

/**
 * Keeps room and user names out of the HTTP spans Quarkus makes for every request, upgrades included: their
 * {@code url.path} is the raw path ({@code /chat/lobby}), and their {@code url.query} carries the {@code name} (and
 * {@code /api/join-check}'s {@code room}). At the start of each span, before anything can export it, a chat path
 * becomes its template {@code /chat/{room}} (unless {@code chat.tracing.room-names} is on) and every query keeps its
 * parameter names only ({@code name=&since=}). Span names need nothing: Quarkus names HTTP spans by route template.
 */
public final class UrlScrubber implements SpanProcessor {

    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    static final String CHAT_PREFIX = "/chat/";
    static final String CHAT_TEMPLATE = "/chat/{room}";

    private final boolean roomNames;

    /** {@code roomNames}: whether chat paths may keep the room ({@code chat.tracing.room-names}). */
    public UrlScrubber(boolean roomNames) {
        this.roomNames = roomNames;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String path = span.getAttribute(URL_PATH);
        if (!roomNames && path != null && path.startsWith(CHAT_PREFIX)) {
            span.setAttribute(URL_PATH, CHAT_TEMPLATE);
        }
        String query = span.getAttribute(URL_QUERY);
        if (query != null && !query.isEmpty()) {
            span.setAttribute(URL_QUERY, namesOnly(query));
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** {@code room=a&name=b&flag} → {@code room=&name=&flag}: which parameters came, none of their values. */
    static String namesOnly(String query) {
        StringJoiner names = new StringJoiner("&");
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            names.add(equals < 0 ? parameter : parameter.substring(0, equals + 1));
        }
        return names.toString();
    }
}
