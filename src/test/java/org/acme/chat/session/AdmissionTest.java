package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Refusal;
import org.junit.jupiter.api.Test;

/**
 * What admission decides once a connection is upgraded, when it raced past the pre-upgrade check: node and per-IP
 * slots, shutdown, and their release; and how shutdown reaches every open session. Plain JUnit on test transports.
 */
class AdmissionTest {

    @Test
    void aFullNodeClosesTheNextConnectionWith1013AndCountsIt() {
        Harness chat = Harness.with(Map.of("chat.limits.max-connections", "2"));
        chat.join("r1", "alice");
        chat.echo();

        Harness.Client third = chat.join("r1", "bob");

        assertEquals(CloseCodes.TRY_AGAIN_LATER, third.transport.closeCode());
        assertEquals("server is full: try again later", third.transport.closeReason());
        assertTrue(third.transport.sent().isEmpty(), "no welcome for a refused connection");
        assertEquals(1, chat.errors(Refusal.Kind.SERVER_FULL));
        assertEquals(2, chat.admission.open());
        assertEquals(1, chat.rooms.connections(), "bob never joined");
    }

    @Test
    void theCapPerAddressIsCountedAsSuchAndOtherAddressesStillGetIn() {
        Harness chat = Harness.with(Map.of("chat.limits.max-connections-per-ip", "1"));
        chat.join("r1", "alice", "10.0.0.7", h -> null);

        Harness.Client second = chat.join("r1", "bob", "10.0.0.7", h -> null);
        Harness.Client elsewhere = chat.join("r1", "carol", "10.0.0.8", h -> null);

        assertEquals(CloseCodes.TRY_AGAIN_LATER, second.transport.closeCode());
        assertEquals("too many connections from your address", second.transport.closeReason());
        assertEquals(1, chat.errors(Refusal.Kind.TOO_MANY_PER_IP));
        assertFalse(elsewhere.transport.closed());
    }

    @Test
    void closingFreesTheSlotsForTheNextConnection() {
        Harness chat = Harness.with(Map.of("chat.limits.max-connections", "1"));
        Harness.Client alice = chat.join("r1", "alice");
        alice.session.onClose();

        Harness.Client bob = chat.join("r1", "bob");

        assertFalse(bob.transport.closed());
        assertEquals("welcome", bob.transport.frame(0).get("type").asText());
        assertEquals(1, chat.admission.open());
        assertEquals(1, chat.heartbeat.open(), "the heartbeat forgot alice");
    }

    @Test
    void aConnectionThatSlipsInWhileTheNodeDrainsIsSentElsewhereWith1001() {
        Harness chat = Harness.create();
        chat.draining.begin();

        Harness.Client late = chat.join("r1", "alice");
        Harness.Client echo = chat.echo();

        assertEquals(CloseCodes.GOING_AWAY, late.transport.closeCode());
        assertEquals(CloseCodes.GOING_AWAY, echo.transport.closeCode());
        assertEquals(2, chat.errors(Refusal.Kind.SHUTTING_DOWN));
        assertEquals(0, chat.admission.open());
    }

    @Test
    void shutdownSends1001ToEveryOpenSessionAndCountsThemDownAsTheyClose() {
        Harness chat = Harness.create();
        List<Harness.Client> clients = new ArrayList<>(List.of(chat.join("r1", "alice"), chat.join("r1", "bob"),
                chat.join("r2", "carol"), chat.echo()));

        assertEquals(4, chat.admission.closeAll());

        for (Harness.Client client : clients) {
            assertEquals(CloseCodes.GOING_AWAY, client.transport.closeCode(), client.transport::toString);
            assertEquals("server shutting down", client.transport.closeReason());
        }
        assertEquals(4, chat.admission.open(), "open until their close handshakes complete");
        clients.forEach(client -> client.session.onClose());
        assertEquals(0, chat.admission.open());
        assertEquals(0, chat.rooms.connections());
        assertEquals(0, chat.errors(Refusal.Kind.SHUTTING_DOWN), "a drain is no refusal");
    }

    @Test
    void aSecondCloseOfTheSameSessionReleasesNothingTwice() {
        Harness chat = Harness.with(Map.of("chat.limits.max-connections", "2"));
        Harness.Client alice = chat.join("r1", "alice");
        alice.session.onClose();
        alice.session.onClose();

        chat.join("r1", "bob");
        Harness.Client carol = chat.join("r1", "carol");

        assertFalse(carol.transport.closed(), "two slots free, not three, and both taken now");
        assertEquals(CloseCodes.TRY_AGAIN_LATER, chat.join("r1", "dave").transport.closeCode());
    }
}
