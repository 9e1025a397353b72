package org.acme.chat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which peer addresses count as one client: IPv4 addresses one by one, IPv6 per /64, mapped IPv4 as IPv4. */
class ClientKeyTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, 10.0.0.1",
            "2001:db8:1:2::1, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "2001:0DB8:0001:0002:0000:0000:0000:0007, 2001:db8:1:2::/64",
            "[2001:db8:1:2::9], 2001:db8:1:2::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "0:0:0:0:0:0:0:1, 0:0:0:0::/64",
            "::ffff:192.0.2.1, 192.0.2.1",
            "0:0:0:0:0:ffff:c000:201, 192.0.2.1",
    })
    void keys(String ip, String key) {
        assertEquals(key, ClientKey.of(ip));
    }

    @Test
    void addressesInOneSlash64ShareAKeyAndNeighbouringSlash64sDoNot() {
        assertEquals(ClientKey.of("2001:db8:a:b::1"), ClientKey.of("2001:db8:a:b:1234:5678:9abc:def0"));
        assertNotEquals(ClientKey.of("2001:db8:a:b::1"), ClientKey.of("2001:db8:a:c::1"));
        assertNotEquals(ClientKey.of("10.0.0.1"), ClientKey.of("10.0.0.2"), "IPv4 is never grouped");
    }

    @Test
    void whatIsNoAddressIsItsOwnKeyAndNothingIsLookedUp() {
        assertEquals("not:an:address:at:all", ClientKey.of("not:an:address:at:all"));
        assertEquals("localhost", ClientKey.of("localhost"));
        assertEquals(null, ClientKey.of(null));
    }
}
