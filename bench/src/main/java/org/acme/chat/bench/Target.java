package org.acme.chat.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server under test and the local addresses connections come from. Connections are spread round-robin over
 * {@code sources} consecutive loopback addresses starting at {@code source} (127.0.0.2, 127.0.0.3, ...), so that no
 * single address runs out of ephemeral ports (about 28,000 per address here).
 */
record Target(String host, int port, List<String> sources) {

    static Target from(Args args) {
        String host = args.string("host", "127.0.0.1");
        int port = args.integer("port", 8080);
        String first = args.string("source", "127.0.0.2");
        int count = args.integer("sources", 1);
        return new Target(host, port, addresses(first, count));
    }

    /** {@code count} consecutive IPv4 addresses from {@code first}, e.g. 127.0.0.254, 127.0.1.0, ... */
    static List<String> addresses(String first, int count) {
        String[] parts = first.split("\\.");
        if (parts.length != 4 || count < 1) {
            throw new IllegalArgumentException("--source must be an IPv4 address (and --sources >= 1): " + first);
        }
        long base = 0;
        for (String part : parts) {
            base = base * 256 + Integer.parseInt(part);
        }
        List<String> result = new ArrayList<>();
        for (long a = base; a < base + count; a++) {
            result.add((a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255));
        }
        return result;
    }

    /** A room-name prefix of this run, e.g. {@code fan3f2a-}, so that runs against one server do not meet. */
    static String randomPrefix(String kind) {
        return kind + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16)) + "-";
    }

    /** The request URI of a join, e.g. {@code /chat/lobby?name=u1}. */
    static String chatUri(String room, String name) {
        return "/chat/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String from = sources.size() == 1 ? sources.get(0) : sources.get(0) + " .. " + sources.get(sources.size() - 1);
        return "ws://" + host + ":" + port + " from " + from;
    }
}
