package org.acme.chat.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * One chat connection that joined a room. It completes its join once the {@code welcome} arrives, then hands every
 * text frame to its {@link Listener} on the connection's event loop. Fragmented messages are put back together;
 * WebSocket pings are answered by Vert.x itself (the server's heartbeat pings idle connections every 15 s).
 */
final class Member {

    /** Receives a member's frames after its welcome, and its close; called on the member's event loop. */
    interface Listener {
        void onFrame(Member member, Frames.Kind kind, Buffer frame);

        /** The server (or the network) closed the connection; closes asked for by {@link #close()} are not told. */
        void onClose(Member member, String reason);
    }

    /** A listener for connections that only need to stay open: it counts nothing. */
    static final Listener IDLE = new Listener() {
        @Override
        public void onFrame(Member member, Frames.Kind kind, Buffer frame) {
        }

        @Override
        public void onClose(Member member, String reason) {
        }
    };

    final int room;
    private final WebSocket socket;
    private final Promise<Member> welcomed;
    private final Listener listener;
    private Buffer fragments;
    private volatile Buffer welcome;
    private volatile boolean open = true;
    private volatile boolean closing;

    /** Sets the handlers of a socket that is not connected yet. */
    Member(int room, ClientWebSocket socket, Promise<Member> welcomed, Listener listener) {
        this.room = room;
        this.socket = socket;
        this.welcomed = welcomed;
        this.listener = listener;
        socket.frameHandler(this::onFrame);
        socket.closeHandler(v -> onClose());
    }

    boolean isOpen() {
        return open;
    }

    /** Sends a {@code message} whose text needs no JSON escaping (the generator's own stamps). */
    void sendPlainText(String text) {
        socket.writeFinalTextFrame("{\"type\":\"message\",\"text\":\"" + text + "\"}");
    }

    /** Writes any frame as it is (the soak's oversized and fragmented frames). */
    void write(WebSocketFrame frame) {
        socket.writeFrame(frame);
    }

    /** Sends one text frame as it is. */
    void sendText(String text) {
        socket.writeFinalTextFrame(text);
    }

    /** Stops reading from the socket (a client that never reads), or starts again. */
    void reading(boolean on) {
        if (on) {
            socket.resume();
        } else {
            socket.pause();
        }
    }

    /** The {@code welcome} frame this member joined with (null before it came). */
    Buffer welcome() {
        return welcome;
    }

    /** Closes with 1000; the future completes when the connection is closed. */
    Future<Void> close() {
        closing = true;
        return open ? socket.close() : Future.succeededFuture();
    }

    private void onFrame(WebSocketFrame frame) {
        Buffer data;
        if (frame.isContinuation()) {
            if (fragments == null) {
                return;
            }
            fragments.appendBuffer(frame.binaryData());
            if (!frame.isFinal()) {
                return;
            }
            data = fragments;
            fragments = null;
        } else if (!frame.isText()) {
            return;
        } else if (!frame.isFinal()) {
            fragments = Buffer.buffer().appendBuffer(frame.binaryData());
            return;
        } else {
            data = frame.binaryData();
        }
        Frames.Kind kind = Frames.kind(data);
        if (!welcomed.future().isComplete()) {
            if (kind == Frames.Kind.WELCOME) {
                welcome = data.copy();
                welcomed.tryComplete(this);
            } else {
                welcomed.tryFail("first frame was not a welcome: " + Frames.preview(data));
                socket.close();
            }
            return;
        }
        listener.onFrame(this, kind, data);
    }

    private void onClose() {
        open = false;
        Short code = socket.closeStatusCode();
        String reason = code == null ? "dropped without a close frame (1006)"
                : "closed " + code + (socket.closeReason() == null ? "" : " " + socket.closeReason());
        if (welcomed.future().succeeded()) {
            if (!closing) {
                listener.onClose(this, reason);
            }
        } else {
            welcomed.tryFail(reason + " before the welcome");
        }
    }
}
