package org.acme.chat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import org.acme.chat.config.ChatConfig;
import org.junit.jupiter.api.Test;

/** Node and per-address slots: taken on open, given back on close, never more than the caps. */
class ConnectionLimitsTest {

    @Test
    void perAddressCapThenNodeCap() {
        ConnectionLimits limits = new ConnectionLimits(config(3, 2));
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("10.0.0.1"));
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("10.0.0.1"));
        assertEquals(ConnectionLimits.Verdict.IP_FULL, limits.check("10.0.0.1"));
        assertEquals(ConnectionLimits.Verdict.IP_FULL, limits.tryAcquire("10.0.0.1"));
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("10.0.0.2"));
        assertEquals(ConnectionLimits.Verdict.NODE_FULL, limits.check("10.0.0.3"));
        assertEquals(ConnectionLimits.Verdict.NODE_FULL, limits.tryAcquire("10.0.0.3"));
        assertEquals(3, limits.open(), "refusals take nothing");

        limits.release("10.0.0.1");
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("10.0.0.3"));
        assertEquals(ConnectionLimits.Verdict.NODE_FULL, limits.tryAcquire("10.0.0.1"));
    }

    @Test
    void zeroMeansNoPerAddressCap() {
        ConnectionLimits limits = new ConnectionLimits(config(100, 0));
        for (int i = 0; i < 100; i++) {
            assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("10.0.0.9"));
        }
        assertEquals(ConnectionLimits.Verdict.NODE_FULL, limits.tryAcquire("10.0.0.9"));
    }

    @Test
    void ipv6AddressesInOneSlash64ShareTheCapAndAnotherSlash64HasItsOwn() {
        ConnectionLimits limits = new ConnectionLimits(config(100, 2));
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("2001:db8:0:1::1"));
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("2001:db8:0:1::2"));
        assertEquals(ConnectionLimits.Verdict.IP_FULL, limits.check("2001:db8:0:1:ffff::3"));
        assertEquals(ConnectionLimits.Verdict.IP_FULL, limits.tryAcquire("2001:db8:0:1:ffff::3"), "same /64");
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("2001:db8:0:2::1"), "another /64");

        limits.release("2001:db8:0:1::1");
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("2001:db8:0:1::77"), "a release frees the /64's slot");
    }

    @Test
    void anIpv4MappedAddressCountsAsItsIpv4Address() {
        ConnectionLimits limits = new ConnectionLimits(config(100, 1));
        assertEquals(ConnectionLimits.Verdict.OK, limits.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimits.Verdict.IP_FULL, limits.tryAcquire("::ffff:192.0.2.1"));
    }

    private static ChatConfig config(int maxConnections, int maxPerIp) {
        ChatConfig.Limits limits = (ChatConfig.Limits) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(),
                new Class<?>[] { ChatConfig.Limits.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "maxConnections" -> maxConnections;
                    case "maxConnectionsPerIp" -> maxPerIp;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ChatConfig) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(),
                new Class<?>[] { ChatConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("limits")) {
                        return limits;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
