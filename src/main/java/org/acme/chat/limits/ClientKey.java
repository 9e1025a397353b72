package org.acme.chat.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client a connection is counted against, from its peer address: an IPv4 address as it is; an IPv6 address by its
 * /64 prefix ({@code 2001:db8:1:2::/64}), since one subscriber or host usually holds a whole /64 and could otherwise
 * take a fresh address per connection; an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) as the IPv4 address it
 * carries. Anything else that is not an IP literal is its own key, unchanged. Never resolves a name.
 */
public final class ClientKey {

    private static final int PREFIX_BYTES = 8;

    private ClientKey() {
    }

    /** The key for {@code ip} (a textual IP address, as a socket reports it). */
    public static String of(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip; // IPv4, or no address at all
        }
        String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        InetAddress address;
        try {
            // With a ':' in it, the text is parsed as an IPv6 literal or refused: no name lookup happens.
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return ip;
        }
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress(); // ::ffff:a.b.c.d comes back from the JDK as the IPv4 address
        }
        byte[] bytes = address.getAddress();
        StringBuilder key = new StringBuilder(24);
        for (int i = 0; i < PREFIX_BYTES; i += 2) {
            key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return key.append(":/64").toString();
    }
}
