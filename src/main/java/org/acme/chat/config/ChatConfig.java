package org.acme.chat.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code chat.*} setting of the service, with its default. docs/configuration.md's table mirrors this file.
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

    /** Presence: how long members stay listed across nodes, and how many join and leave notices a room sends. */
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

    /**
     * Most frames one message may come in (the first and its continuations); more close the connection with 1008.
     * Browsers never split a message; libraries that do use buffers of a few KiB (64 frames of 1 KiB each make one
     * 64 KiB message). Every fragment is a frame the server must read, so a flood of empty continuations is bounded.
     */
    @WithDefault("64")
    int maxFragmentsPerMessage();

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

    /**
     * The authorities ({@code host} or {@code host:port}, e.g. {@code chat.example.com}) under which browsers reach this
     * service. Set, a page is of "the server's own origin" only if its {@code Origin} names one of them, and the
     * {@code Host} header is ignored: a hostile site whose name was re-pointed at this server (DNS rebinding) sends its
     * own name as {@code Host} and would otherwise pass. Unset, the {@code Host} header is trusted. Set it in production.
     */
    Optional<List<String>> publicHosts();

    /** Optional JWT access control. */
    Auth auth();

    /** The {@code /echo} connectivity check. */
    Echo echo();

    /** The server API under {@code /api/v1} (docs/api.md). */
    Api api();

    /** Pings for idle connections and reaping of dead ones. */
    Heartbeat heartbeat();

    /** Graceful shutdown. */
    Shutdown shutdown();

    /** What the chat's spans may say (tracing itself is on when an OTLP endpoint is configured). */
    Tracing tracing();

    /** The log's format. */
    Log log();

    interface Presence {
        /**
         * How long a member stays listed after its node last vouched for it: a node that dies without cleaning up
         * leaves no ghost for longer. Nodes vouch for their members every third of it (at least every 500 ms).
         */
        @WithDefault("30s")
        Duration ttl();

        /**
         * Join and leave notices per second one room sends at once, sustained; beyond it (and its burst) they are
         * held and sent netted in one batch per {@code coalesce-interval}, so churn cannot flood a room's members.
         */
        @WithDefault("10")
        double noticesPerSecond();

        /** Join and leave notices a room sends at once after a quiet spell. */
        @WithDefault("30")
        int noticeBurst();

        /**
         * How often a room over its notice budget sends the held notices, netted per member: one that joined and
         * left within it is never announced.
         */
        @WithDefault("1s")
        Duration coalesceInterval();
    }

    interface History {
        /** How many of a room's most recent messages are sent to a joiner in {@code welcome.history} (v1, v2). */
        @WithDefault("50")
        int size();

        /**
         * How many of a room's messages are kept for scroll-back (v2 {@code history}) and resuming: a Redis stream's
         * length, or at most this many per room within the memory store's byte budget. At least {@code size}.
         */
        @WithDefault("10000")
        int retained();

        /**
         * Most bytes of history one welcome carries: the newest messages that fit, so that a joiner's first frame
         * stays small whatever {@code size} is. A client resuming with {@code since} that would need more gets
         * {@code recovered:false}. Must be below {@code chat.send-queue.max-bytes}.
         */
        @WithDefault("131072")
        long welcomeMaxBytes();

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
         * Open WebSocket connections per TCP peer address (an IPv6 peer counts per /64, an IPv4-mapped one as its IPv4
         * address); beyond it, upgrades get 429 with {@code Retry-After}. Behind
         * a proxy or ingress every client shares the proxy's address: raise it there, or set 0 for no per-IP cap.
         */
        @WithDefault("50")
        int maxConnectionsPerIp();

        /**
         * WebSocket upgrades per second one client address may make, sustained; beyond it (and its burst), 429 with
         * {@code Retry-After}. Counted per address like {@code max-connections-per-ip}: raise it behind a proxy, or
         * set 0 for no limit.
         */
        @WithDefault("5")
        double upgradesPerSecondPerIp();

        /** Upgrades one client address may make at once after a quiet spell. */
        @WithDefault("50")
        int upgradeBurstPerIp();

        /** Rooms with members on this node; joining a new room beyond it gets 503. */
        @WithDefault("5000")
        int maxRooms();

        /** Rooms one v2 connection ({@code /ws}) may be in at once; a join beyond it is refused. */
        @WithDefault("50")
        int maxRoomsPerSession();

        /** Members per room; joining a full room gets 409. */
        @WithDefault("1000")
        int maxMembersPerRoom();
    }

    interface Rate {
        /**
         * Sustained frames per second a connection may send (messages, pings, WebSocket pings and pongs, and every
         * frame of a message sent in several, alike).
         */
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
         * Hard bound on the bytes the server holds for one connection beyond the kernel's socket buffers: a frame
         * that finds more than this waiting is dropped and the connection closed with 1008. Set well above one
         * legitimate burst (a busy room's members each sending their whole rate-limit burst at once), since a client
         * that reads is only behind for a moment; {@code drain-timeout} catches the ones that do not read sooner.
         */
        @WithDefault("4194304")
        long maxBytes();

        /**
         * A connection whose queue holds more than this is behind: if it stays behind for {@code drain-timeout}
         * without once draining below it, it is closed with 1008 as a client that does not read.
         */
        @WithDefault("262144")
        long lowWaterBytes();

        /** How long a queue may stay above {@code low-water-bytes} before the connection is closed with 1008. */
        @WithDefault("10s")
        Duration drainTimeout();
    }

    interface Auth {
        /**
         * Whether an upgrade needs a JWT (verified with {@code mp.jwt.verify.publickey} or {@code .location}, and
         * {@code mp.jwt.verify.issuer}; set {@code mp.jwt.verify.audiences} too, or a token the issuer minted for any
         * other service is accepted): the user name comes from the token, the {@code name} parameter is ignored, the
         * {@code rooms} claim lists the rooms (or globs) the user may join, and the connection closes at expiry (1008).
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Api {
        /**
         * The server API's keys, by key id ({@code chat.api.keys.backend=<secret>}; several at once for rotation): a
         * caller sends one as {@code Authorization: Bearer <secret>}, and the audit log names its key id. Compared in
         * constant time. No key and {@code chat.auth.enabled} off: every {@code /api/v1} route answers 404.
         */
        Map<String, String> keys();

        /**
         * With {@code chat.auth.enabled}: the role a JWT's {@code groups} claim must hold to call the server API (a
         * valid token without it gets 403); its subject is the caller in the audit log.
         */
        @WithDefault("chat-admin")
        String adminRole();

        /**
         * How often each node reports its counts (connections, rooms, messages per second) for
         * {@code GET /api/v1/stats}; a node that has not reported for three intervals no longer counts.
         */
        @WithDefault("5s")
        Duration statsInterval();

        /**
         * Server API requests per second one caller (an API key, or a token's subject) may make, sustained; beyond
         * it and the burst, 429 with {@code Retry-After: 1}. 0: no limit.
         */
        @WithDefault("50")
        double requestsPerSecond();

        /** Server API requests one caller may make at once after a quiet spell. */
        @WithDefault("100")
        int burst();
    }

    interface Echo {
        /**
         * Whether {@code /echo} is served; off, it answers 404 (a plain GET and an upgrade alike). On, it takes
         * connection slots like a chat connection, and with {@code chat.auth.enabled} it needs a valid token too (any
         * user; no {@code rooms} grant), the connection closing at the token's expiry (1008).
         */
        @WithDefault("true")
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

    interface Tracing {
        /**
         * Whether spans may name the room: the attribute {@code chat.room} on {@code chat.join} and {@code chat.post},
         * and the raw {@code url.path} of upgrade requests. Off, no span that leaves the node carries a room's name.
         */
        @WithDefault("false")
        boolean roomNames();
    }

    interface Log {
        /**
         * Whether the console logs JSON lines (one object a line; a connection's id in {@code mdc.connection}) instead
         * of the readable format. On in the {@code prod} profile ({@code application.properties}), off in dev and test.
         */
        @WithDefault("false")
        boolean json();
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
