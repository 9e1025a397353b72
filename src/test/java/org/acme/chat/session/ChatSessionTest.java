package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Joined;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.support.DelegatingBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A chat session from open to close, on test transports: the join and every way it can be refused after the upgrade
 * (the pre-upgrade check raced), the frames a member sends, and leaving.
 */
class ChatSessionTest {

    @Test
    void aMemberIsWelcomedFirstThenHearsTheRoomAndGetsAcksPongsAndErrors() {
        Harness chat = Harness.create();
        Harness.Client alice = chat.join("r1", "alice");
        Harness.Client bob = chat.join("r1", "bob");

        alice.session.onText("{\"type\":\"message\",\"text\":\"hi\",\"ref\":\"a-1\"}");
        alice.session.onText("{\"type\":\"ping\"}");
        alice.session.onText("{\"type\":\"shout\"}");

        assertEquals(List.of("welcome", "join", "message", "ack", "pong", "error"), alice.transport.types());
        String id = alice.transport.frame(2).get("id").asText();
        assertEquals(id, alice.transport.frame(3).get("id").asText(), "the ack names the message's id");
        assertEquals("a-1", alice.transport.frame(3).get("ref").asText());
        assertEquals("unknown_type", alice.transport.last().get("code").asText());
        assertFalse(alice.transport.closed(), "a bad frame costs only an error event");
        assertEquals(List.of("welcome", "message"), bob.transport.types(), "no ack, pong or error for bob");
        assertEquals(1, chat.errors(Refusal.Kind.UNKNOWN_TYPE));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                                      | invalid_json",
            "[\"an\",\"array\"]                                   | invalid_message",
            "{\"type\":\"message\",\"text\":true}                 | invalid_message",
            "{\"type\":\"message\",\"text\":\"hi\",\"ref\":42}      | invalid_message",
            "{\"type\":\"shout\",\"text\":\"hi\"}                 | unknown_type",
            "{\"type\":\"message\",\"text\":\"\"}                 | empty_text",
            "{\"type\":\"message\"}                               | empty_text",
            "{\"type\":\"message\",\"text\":\"bell\\u0007\"}        | invalid_text",
    })
    void aBadFrameGetsItsErrorAndTheMemberGoesOnTalkingUnnoticed(String frame, String code) {
        Harness chat = Harness.create();
        Harness.Client bystander = chat.join("r1", "bystander");
        Harness.Client sender = chat.join("r1", "sender");

        sender.session.onText(frame);
        sender.say("still here");

        assertEquals(List.of("welcome", "error", "message"), sender.transport.types());
        assertEquals(code, sender.transport.frame(1).get("code").asText());
        assertFalse(sender.transport.frame(1).get("message").asText().isBlank());
        assertEquals(List.of("welcome", "join", "message"), bystander.transport.types(), "only the good message");
        assertEquals(1, chat.errors(Refusal.Kind.valueOf(code.toUpperCase(Locale.ROOT))));
    }

    @Test
    void textAndRefsOverTheLimitsGetTheirErrors() {
        Harness chat = Harness.with(Map.of("chat.message.max-length", "10", "chat.message.max-ref-length", "5"));
        Harness.Client sender = chat.join("r1", "sender");

        sender.say("12345678901");
        sender.session.onText("{\"type\":\"message\",\"text\":\"hi\",\"ref\":\"123456\"}");

        assertEquals(List.of("text_too_long", "ref_too_long"), sender.transport.framesOf("error").stream()
                .map(error -> error.get("code").asText()).toList());
        assertEquals("text is longer than 10 characters", sender.transport.framesOf("error").get(0).get("message")
                .asText());
    }

    @Test
    void aBinaryFrameClosesWith1003AndTheMemberLeavesAtOnce() {
        Harness chat = Harness.create();
        Harness.Client alice = chat.join("r1", "alice");
        Harness.Client bob = chat.join("r1", "bob");

        bob.session.onBinary(new byte[] { 1, 2, 3 });

        assertEquals(CloseCodes.UNSUPPORTED_DATA, bob.transport.closeCode());
        assertEquals("leave", alice.transport.last().get("type").asText(), "before the close handshake completes");
        assertEquals(1, chat.errors(Refusal.Kind.BINARY_FRAME));
        bob.say("too late");
        assertEquals(List.of("welcome"), bob.transport.types(), "nothing after the close");
        assertEquals("leave", alice.transport.last().get("type").asText(), "and nothing from bob");
    }

    @Test
    void aSecondRefusalOfAClosingSessionIsNeitherSentNorCounted() {
        Harness chat = Harness.create();
        Harness.Client bob = chat.join("r1", "bob");

        bob.session.onBinary(new byte[] { 1 });
        bob.session.close(Refusal.Kind.SLOW_CONSUMER);

        assertEquals(CloseCodes.UNSUPPORTED_DATA, bob.transport.closeCode(), "the first close stands");
        assertEquals(1, chat.errors(Refusal.Kind.BINARY_FRAME));
        assertEquals(0, chat.errors(Refusal.Kind.SLOW_CONSUMER));
    }

    @Test
    void aNameTakenByAJoinThatRacedTheCheckClosesWith4409() {
        Harness chat = Harness.create();
        chat.join("r1", "alice");

        Harness.Client twin = chat.join("r1", "ALICE");

        assertEquals(CloseCodes.NAME_TAKEN, twin.transport.closeCode());
        assertEquals("name 'ALICE' is already taken in room 'r1'", twin.transport.closeReason());
        assertEquals(1, chat.errors(Refusal.Kind.NAME_TAKEN));
        assertEquals(2, chat.admission.open(), "the refused session holds its slot until its close completes");
        twin.session.onClose();
        assertEquals(1, chat.admission.open());
    }

    @Test
    void aFullRoomOrTooManyRoomsCloseWith1013() {
        Harness chat = Harness.with(Map.of("chat.limits.max-members-per-room", "1", "chat.limits.max-rooms", "1"));
        chat.join("r1", "alice");

        Harness.Client full = chat.join("r1", "bob");
        Harness.Client newRoom = chat.join("r2", "carol");

        assertEquals(CloseCodes.TRY_AGAIN_LATER, full.transport.closeCode());
        assertEquals("room 'r1' is full", full.transport.closeReason());
        assertEquals(CloseCodes.TRY_AGAIN_LATER, newRoom.transport.closeCode());
        assertEquals(1, chat.errors(Refusal.Kind.ROOM_FULL));
        assertEquals(1, chat.errors(Refusal.Kind.TOO_MANY_ROOMS));
        assertEquals(1, chat.rooms.activeRooms());
    }

    @Test
    void anInvalidJoinThatSlippedPastTheGuardClosesWith1008() {
        Harness chat = Harness.create();

        Harness.Client nameless = chat.join("r1", "  ");

        assertEquals(CloseCodes.POLICY_VIOLATION, nameless.transport.closeCode());
        assertEquals("missing name: add ?name=<your name> to the URL", nameless.transport.closeReason());
        assertEquals(1, chat.errors(Refusal.Kind.INVALID_JOIN));
    }

    @Test
    void aBrokerThatCannotDecideGets1013AndOneThatFailsGets1011() {
        Harness unavailable = Harness.withBroker(broker -> new FailingJoins(broker,
                new RefusedException(Refusal.Kind.BROKER_UNAVAILABLE)));
        Harness broken = Harness.withBroker(broker -> new FailingJoins(broker, new IllegalStateException("bug")));

        Harness.Client refused = unavailable.join("r1", "alice");
        Harness.Client failed = broken.join("r1", "alice");

        assertEquals(CloseCodes.TRY_AGAIN_LATER, refused.transport.closeCode());
        assertEquals(1, unavailable.errors(Refusal.Kind.BROKER_UNAVAILABLE));
        assertEquals(CloseCodes.INTERNAL_ERROR, failed.transport.closeCode());
        assertEquals(1, broken.errors(Refusal.Kind.INTERNAL_ERROR));
        assertEquals(0, broken.rooms.connections(), "the registry unseated the failed member");
    }

    @Test
    void aConnectionThatClosesWhileTheBrokerDecidesLeavesAndIsNeverWelcomed() {
        HeldJoins[] held = new HeldJoins[1];
        Harness chat = Harness.withBroker(broker -> held[0] = new HeldJoins(broker));
        Harness.Client bob = chat.connectChat("10.0.0.3");
        CompletionStage<Void> opening = ((ChatSession) bob.session).open("r1", "bob", null, h -> null);

        bob.session.onClose();
        held[0].answer();

        assertTrue(opening.toCompletableFuture().isDone());
        assertTrue(bob.transport.sent().isEmpty(), "no welcome after the close");
        assertEquals(0, chat.rooms.connections());
        assertEquals(0, chat.admission.open());
        assertTrue(chat.broker.checkJoin("r1", "bob").toCompletableFuture().join().isEmpty(), "bob's name is free");
    }

    /** The memory broker, failing every join with {@code failure}. */
    private static final class FailingJoins extends DelegatingBroker {
        private final RuntimeException failure;

        FailingJoins(Broker delegate, RuntimeException failure) {
            super(delegate);
            this.failure = failure;
        }

        @Override
        public CompletionStage<Joined> join(String room, Member member, MessageId since) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** The memory broker, whose join answer reaches the caller only on {@link #answer()}. */
    private static final class HeldJoins extends DelegatingBroker {
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        HeldJoins(Broker delegate) {
            super(delegate);
        }

        @Override
        public CompletionStage<Joined> join(String room, Member member, MessageId since) {
            return released.thenCompose(ignored -> delegate.join(room, member, since));
        }

        void answer() {
            released.complete(null);
        }
    }
}
