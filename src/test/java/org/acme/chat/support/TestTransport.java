package org.acme.chat.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.transport.Transport;

/**
 * A transport with no socket behind it, for driving sessions in plain JUnit: it records every frame, ping and close,
 * writes at once (or holds what it is sent as pending, as for a client that stops reading), and keeps the tasks
 * sessions hand to the connection's thread until {@link #runTasks()}. Single-threaded, like a connection's event loop.
 */
public final class TestTransport implements Transport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final String ip;
    private final List<OutboundFrame> sent = new ArrayList<>();
    private long pending;
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private boolean holding;
    private int pings;
    private int closeCode;
    private String closeReason;

    public TestTransport(String id, String ip) {
        this.id = id;
        this.ip = ip;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String remoteIp() {
        return ip;
    }

    @Override
    public void send(OutboundFrame frame) {
        if (closed()) {
            return;
        }
        sent.add(frame);
        if (holding) {
            pending += frame.size();
        }
    }

    @Override
    public long pendingBytes() {
        return pending;
    }

    @Override
    public void ping() {
        pings++;
    }

    @Override
    public void close(int code, String reason) {
        if (!closed()) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs what sessions handed to the connection's thread, in order. */
    public TestTransport runTasks() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        return this;
    }

    /** From now on what is sent stays pending: the client has stopped reading. */
    public void holdWrites() {
        holding = true;
    }

    /** The client reads again: nothing is pending any more. */
    public void releaseWrites() {
        holding = false;
        pending = 0;
    }

    public boolean closed() {
        return closeReason != null;
    }

    /** The close code sent, or 0 while open. */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public int pings() {
        return pings;
    }

    public List<OutboundFrame> sent() {
        return List.copyOf(sent);
    }

    /** Frame {@code index} as JSON. */
    public JsonNode frame(int index) {
        return json(sent.get(index));
    }

    public JsonNode last() {
        return frame(sent.size() - 1);
    }

    /** The {@code type} of every frame sent, in order. */
    public List<String> types() {
        List<String> types = new ArrayList<>();
        for (OutboundFrame frame : sent) {
            types.add(json(frame).path("type").asText());
        }
        return types;
    }

    /** The frames of {@code type}, as JSON, in order. */
    public List<JsonNode> framesOf(String type) {
        List<JsonNode> matching = new ArrayList<>();
        for (OutboundFrame frame : sent) {
            JsonNode node = json(frame);
            if (type.equals(node.path("type").asText())) {
                matching.add(node);
            }
        }
        return matching;
    }

    private static JsonNode json(OutboundFrame frame) {
        try {
            return MAPPER.readTree(frame.text());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + frame, e);
        }
    }

    @Override
    public String toString() {
        return "test transport " + id;
    }
}
