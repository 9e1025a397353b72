package org.acme.chat.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code chat.*} setting of the service, with its default. The README's configuration table mirrors this file.
 */
@ConfigMapping(prefix = "chat")
public interface ChatConfig {

    /**
     * Where rooms meet across nodes: {@code memory} (one node, nothing external) or {@code redis} (any number of nodes
     * sharing rooms, presence and history through the Redis at {@code quarkus.redis.hosts}).
     */
    @WithDefault("memory")
    BrokerKind broker();

    /** The brokers {@code chat.broker} can name. */
    enum BrokerKind {
        MEMORY,
        REDIS
    }

    /** Presence across nodes ({@code chat.broker=redis}). */
    Presence presence();

    /** Room history settings. */
    History history();

    /** Limits on chat messages sent by clients. */
    Message message();

    /**
     * Largest WebSocket frame, and largest reassembled message, accepted from a client, in bytes. Anything larger
     * closes the connection with 1009. Feeds {@code quarkus.websockets-next.server.max-frame-size} and
     * {@code max-message-size}.
     */
    @WithDefault("65536")
    int maxFrameBytes();

    /** Caps on connections and rooms, each answered before the upgrade (see docs/protocol.md). */
    Limits limits();

    /** Per-connection message rate limit. */
    Rate rate();

    /** Per-connection bound on what the server buffers for a client that does not read. */
    SendQueue sendQueue();

    /**
     * Origins a browser may open WebSockets from (exact {@code scheme://host[:port]} values, or {@code *} for any); an
     * upgrade with another {@code Origin} header gets 403. Unset: only the server's own origin (the {@code Host}
     * header), plus {@code localhost} in dev mode. Clients that send no {@code Origin} (non-browsers) are let through.
     */
    Optional<List<String>> allowedOrigins();

    /** Optional JWT access control. */
    Auth auth();

    /** Pings for idle connections and reaping of dead ones. */
    Heartbeat heartbeat();

    /** Graceful shutdown. */
    Shutdown shutdown();

    interface Presence {
        /**
         * How long a member stays listed after its node last vouched for it: a node that dies without cleaning up
         * leaves no ghost for longer. Nodes vouch for their members every third of it (at least every 500 ms).
         */
        @WithDefault("30s")
        Duration ttl();
    }

    interface History {
        /** How many of a room's most recent messages are kept and sent to a joiner in {@code welcome.history}. */
        @WithDefault("50")
        int size();

        /**
         * With {@code chat.broker=memory}: how many rooms have a history; beyond it the least recently used room without
         * members loses its history first, else the least recently used room. A second bound next to
         * {@code max-bytes}, on what each room costs besides its messages.
         */
        @WithDefault("10000")
        int maxRooms();

        /**
         * With {@code chat.broker=memory}: bytes of history kept in all rooms together (each message counted as its
         * characters in UTF-16 plus 256 bytes, ~16 KB for a maximal one; e.g. {@code 64M}). Beyond it, rooms without
         * members lose their history first, least recently used first; then rooms with members lose their oldest
         * messages. Unset: a quarter of the maximum heap ({@code Runtime.maxMemory()}), 80 MB at {@code -Xmx320m}.
         */
        Optional<MemorySize> maxBytes();

        /**
         * With {@code chat.broker=redis}: how long a room's history and event counter stay in Redis after its last
         * event (message, join or leave) or presence renewal; a quiet room's keys then expire, and a {@code since}
         * into them is answered with {@code recovered:false}. Presence keys expire after {@code chat.presence.ttl}.
         * Seven days, so a team room quiet over a long weekend keeps its history; Redis's {@code maxmemory} bounds
         * the bytes. At least {@code chat.presence.ttl}.
         */
        @WithDefault("7d")
        Duration retention();
    }

    interface Message {
        /** Longest chat text accepted, in Unicode code points; longer texts get error {@code text_too_long}. */
        @WithDefault("4000")
        int maxLength();

        /** Longest client {@code ref} accepted, in characters; longer refs get error {@code ref_too_long}. */
        @WithDefault("128")
        int maxRefLength();
    }

    interface Limits {
        /** Open WebSocket connections per node; beyond it, upgrades get 503 with {@code Retry-After}. */
        @WithDefault("10000")
        int maxConnections();

        /**
         * Open WebSocket connections per TCP peer address; beyond it, upgrades get 429 with {@code Retry-After}. Behind
         * a proxy or ingress every client shares the proxy's address: raise it there, or set 0 for no per-IP cap.
         */
        @WithDefault("50")
        int maxConnectionsPerIp();

        /** Rooms with members on this node; joining a new room beyond it gets 503. */
        @WithDefault("5000")
        int maxRooms();

        /** Members per room; joining a full room gets 409. */
        @WithDefault("1000")
        int maxMembersPerRoom();
    }

    interface Rate {
        /** Sustained frames per second a connection may send (messages, pings and protocol pings alike). */
        @WithDefault("10")
        double messagesPerSecond();

        /** Frames a connection may send at once after a quiet spell. */
        @WithDefault("20")
        int burst();

        /** Refused frames within {@code strike-window} after which the connection is closed with 1008. */
        @WithDefault("50")
        int strikes();

        /** The window for {@code strikes}. */
        @WithDefault("10s")
        Duration strikeWindow();
    }

    interface SendQueue {
        /**
         * Bytes the server may hold for one connection that reads too slowly (beyond the kernel's socket buffers);
         * above it the connection is closed with 1008 and leaves its room, instead of growing the server's memory.
         */
        @WithDefault("1048576")
        long maxBytes();
    }

    interface Auth {
        /**
         * Whether an upgrade needs a JWT (verified with {@code mp.jwt.verify.publickey} or {@code .location}, and
         * {@code mp.jwt.verify.issuer}): the user name comes from the token, the {@code name} parameter is ignored, the
         * {@code rooms} claim lists the rooms (or globs) the user may join, and the connection closes at expiry (1008).
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Heartbeat {
        /** Whether the heartbeat runs at all; without it, only TCP notices dead peers. */
        @WithDefault("true")
        boolean enabled();

        /** How often the heartbeat runs; a connection silent for this long gets a ping. */
        @WithDefault("15s")
        Duration interval();

        /** How long a pinged connection has to send any frame (normally the pong) before it is closed with 4408. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Shutdown {
        /**
         * How long a stopping node keeps serving its open connections, with readiness DOWN and new upgrades refused,
         * before it closes them with 1001: time for load balancers to stop routing here. Use this, not
         * {@code quarkus.shutdown.delay}, which would only start after the connections are closed.
         */
        @WithDefault("0s")
        Duration delay();

        /** How long shutdown waits for clients to answer the 1001 close before the server stops anyway. */
        @WithDefault("10s")
        Duration drainTimeout();
    }
}
