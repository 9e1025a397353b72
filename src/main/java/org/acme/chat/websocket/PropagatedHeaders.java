package org.acme.chat.websocket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the subprotocols through which browsers pass headers ({@code quarkus-http-upgrade#<name>#<percent-encoded
 * value>}, what WebSockets Next turns back into request headers) before WebSockets Next reads them: it answers a
 * malformed one with 500 and an ERROR stack trace, and a bad percent-encoding or header name escapes it altogether.
 * Accepted here is only what it turns into a valid header without failing, and only the one header this service
 * takes that way, {@code Authorization}: a percent-encoding that decodes, exactly three {@code #}-separated parts,
 * {@code Authorization} as the name, a non-empty value without control characters, and at least one other
 * subprotocol next to it. Any other header a page could add to its own upgrade request this way ({@code Host},
 * {@code Cookie}, a forwarding header) is refused, whatever reads headers later.
 */
final class PropagatedHeaders {

    /** What WebSockets Next looks for, anywhere in the header, and at the start of each subprotocol. */
    static final String PREFIX = "quarkus-http-upgrade";
    private static final String AUTHORIZATION = "Authorization";
    private static final Pattern VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]+");

    private PropagatedHeaders() {
    }

    /** Whether the {@code Sec-WebSocket-Protocol} header values (none, or one per header line) are all well-formed. */
    static boolean wellFormed(List<String> headerValues) {
        for (String header : headerValues) {
            if (header.contains(PREFIX) && !wellFormed(header)) {
                return false;
            }
        }
        return true;
    }

    private static boolean wellFormed(String header) {
        boolean other = false;
        for (String protocol : header.split(",")) {
            String trimmed = protocol.trim();
            if (!trimmed.startsWith(PREFIX)) {
                other = true;
            } else if (!wellFormedHeader(trimmed)) {
                return false;
            }
        }
        return other;
    }

    private static boolean wellFormedHeader(String protocol) {
        String decoded;
        try {
            decoded = URLDecoder.decode(protocol, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] parts = decoded.split("#"); // as WebSockets Next splits it
        return parts.length == 3 && parts[1].equalsIgnoreCase(AUTHORIZATION) && VALUE.matcher(parts[2]).matches();
    }
}
