package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw TCP WebSocket client. After the handshake it reads and writes only what a test asks for: left alone it sends
 * no pongs and no close reply (a phone that dropped off the network, or a client that never reads), and it can send
 * frames no well-behaved client would. {@link #reset()} kills it without a close frame.
 */
public final class RawClient implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final String responseHead;

    private RawClient(Socket socket, String responseHead) {
        this.socket = socket;
        this.responseHead = responseHead;
    }

    /** Completes the upgrade to {@code pathAndQuery} and returns once the server has answered 101. */
    public static RawClient connect(URI base, String pathAndQuery) {
        return connect(base, pathAndQuery, "", 0);
    }

    /** The same from the local address {@code localAddress}, e.g. 127.0.0.3. */
    public static RawClient connectFrom(URI base, String pathAndQuery, String localAddress) {
        return connect(base, pathAndQuery, "", 0, localAddress);
    }

    /**
     * The same with extra request header lines ({@code "Name: value\r\n"} each), and a receive buffer of
     * {@code receiveBuffer} bytes when positive (a small one makes a client that does not read fill up quickly).
     */
    public static RawClient connect(URI base, String pathAndQuery, String extraHeaders, int receiveBuffer) {
        return connect(base, pathAndQuery, extraHeaders, receiveBuffer, null);
    }

    private static RawClient connect(URI base, String pathAndQuery, String extraHeaders, int receiveBuffer,
            String localAddress) {
        Socket socket = new Socket();
        try {
            // Every frame goes out at once: with Nagle, a frame written while the last is unacknowledged waits for the
            // server's delayed ACK (40 ms) whenever the server has nothing to answer.
            socket.setTcpNoDelay(true);
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()),
                    (int) WsClient.TIMEOUT_SECONDS * 1000);
            socket.setSoTimeout((int) WsClient.TIMEOUT_SECONDS * 1000);
            OutputStream out = socket.getOutputStream();
            out.write(upgradeRequest(base, pathAndQuery, extraHeaders));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), () -> "expected 101 Switching Protocols, got: " + head);
            return new RawClient(socket, head);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends an upgrade request with {@code extraHeaders} from {@code localAddress} (a loopback address such as
     * 127.0.0.3, so that per-address limits can be reached without touching other tests) and returns the HTTP status
     * of the answer, closing the connection either way.
     */
    public static int upgradeStatus(URI base, String pathAndQuery, String extraHeaders, String localAddress) {
        return Integer.parseInt(upgradeHead(base, pathAndQuery, extraHeaders, localAddress).substring(9, 12));
    }

    /** {@link #upgradeStatus} returning the whole response head: status line and headers. */
    public static String upgradeHead(URI base, String pathAndQuery, String extraHeaders, String localAddress) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) WsClient.TIMEOUT_SECONDS * 1000);
            socket.setSoTimeout((int) WsClient.TIMEOUT_SECONDS * 1000);
            socket.getOutputStream().write(upgradeRequest(base, pathAndQuery, extraHeaders));
            return readHead(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's 101 response head. */
    public String responseHead() {
        return responseHead;
    }

    /** Sends one frame, masked as a client must, with exactly the given payload bytes. */
    public void send(int opcode, byte[] payload, boolean fin) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try {
            socket.getOutputStream().write(frame.toByteArray());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads (and discards) frames until the server's close frame, and returns its status code; 1006 when the
     * connection ends without one.
     */
    public int awaitCloseCode() {
        return readUntilPong(null);
    }

    /**
     * Sends a ping and reads (and discards) frames until its pong. The server handles a connection's frames in order,
     * so the pong means it has handled every frame sent before the ping: returns -1 then. If the server closes
     * instead, returns its close code (1006 when the connection ends without one).
     */
    public int probe() {
        byte[] token = new byte[8];
        ThreadLocalRandom.current().nextBytes(token);
        try {
            send(PING, token, true);
        } catch (UncheckedIOException closedAlready) {
            return awaitCloseCode();
        }
        return readUntilPong(token);
    }

    private int readUntilPong(byte[] token) {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return 1006;
                }
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                if ((first & 0x0f) == CLOSE) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
                if ((first & 0x0f) == PONG && token != null && Arrays.equals(token, payload)) {
                    return -1;
                }
            }
        } catch (EOFException | SocketException e) {
            return 1006;
        } catch (IOException e) {
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

    private static byte[] upgradeRequest(URI base, String pathAndQuery, String extraHeaders) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII);
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
