package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw TCP client that performs the WebSocket handshake and then neither reads nor writes: no pongs, no close
 * handshake. The model of a phone that dropped off the network. {@link #reset()} kills it without a close frame.
 */
public final class SilentClient implements AutoCloseable {

    private final Socket socket;

    private SilentClient(Socket socket) {
        this.socket = socket;
    }

    /** Completes the upgrade to {@code pathAndQuery} and returns once the server has answered 101. */
    public static SilentClient connect(URI base, String pathAndQuery) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()),
                    (int) WsClient.TIMEOUT_SECONDS * 1000);
            socket.setSoTimeout((int) WsClient.TIMEOUT_SECONDS * 1000);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), () -> "expected 101 Switching Protocols, got: " + head);
            return new SilentClient(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the connection with a TCP reset: no close frame, no FIN handshake. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    /** Reads the response head byte by byte, so no frame after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
