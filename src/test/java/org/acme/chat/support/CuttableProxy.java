package org.acme.chat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a free loopback port in front of the app: what a flaky network looks like to a client.
 * {@link #cut()} drops every connection through it and refuses new ones, as a dead Wi-Fi would, until
 * {@link #restore()}; the server itself notices only dropped connections. {@link #vanish()} drops only the clients'
 * side and leaves the server's side open and silent, as a phone that loses its network does: the server finds out
 * only by its heartbeat.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> serverSides = ConcurrentHashMap.newKeySet();
    private final Set<Socket> stranded = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private CuttableProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::accept);
    }

    /** A proxy forwarding to the server at {@code base}. */
    public static CuttableProxy to(URI base) {
        try {
            return new CuttableProxy(new InetSocketAddress(base.getHost(), base.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's own address, to use instead of the server's. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** Drops every open connection, and every new one until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    /**
     * Drops the client side of every open connection but keeps the server side open, never reading or writing it
     * again; new connections go through as before.
     */
    public void vanish() {
        // Strand every server side before closing any client side: a closed client side ends its pumps, which
        // release (and would close) the server side they pair with.
        stranded.addAll(serverSides);
        for (Socket socket : open) {
            if (!stranded.contains(socket)) {
                closeQuietly(socket);
            }
        }
    }

    /** Lets connections through again. */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        stranded.forEach(CuttableProxy::closeQuietly);
        closeQuietly(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                serverSides.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection dropped
            }
        }
    }

    private void pump(Socket from, Socket to) {
        daemon("proxy-pump", () -> {
            byte[] buffer = new byte[8192];
            try {
                // Not try-with-resources: closing a socket's stream closes the socket, and a stranded one stays open.
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side is gone
            } finally {
                release(from);
                release(to);
            }
        });
    }

    private void release(Socket socket) {
        open.remove(socket);
        serverSides.remove(socket);
        if (!stranded.contains(socket)) {
            closeQuietly(socket);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
