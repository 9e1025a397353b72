package org.acme.chat.protocol.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.Refusal.Kind;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.room.JoinRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding v2 frames is pure logic: plain JUnit. Frames are written with single quotes ({@link #json}). The v1
 * decoder's limits are small here: texts of at most 10 code points, refs of at most 8 characters.
 */
class FrameDecoderV2Test {

    private static final String ID = "1732240000123-4";
    private static final MessageId MESSAGE_ID = new MessageId(1732240000123L, 4);
    private static final String SIXTY_FIVE = "r".repeat(65);

    private final FrameDecoder decoder = new FrameDecoder(new org.acme.chat.protocol.FrameDecoder(10, 8));

    @Test
    void decodesJoin() {
        assertEquals(new ClientFrame.Join("lobby", null, null), decode("{'type':'join','room':'lobby'}"));
        assertEquals(new ClientFrame.Join("Team_1.a-b", MESSAGE_ID, "j1"),
                decode("{'type':'join','room':'Team_1.a-b','since':'" + ID + "','ref':'j1'}"));
        assertEquals(new ClientFrame.Join("lobby", null, null),
                decode("{'type':'join','room':'lobby','since':null,'ref':null}"), "null is absent");
        assertEquals(new ClientFrame.Join(SIXTY_FIVE.substring(1), null, null),
                decode("{'type':'join','room':'" + SIXTY_FIVE.substring(1) + "'}"), "64 characters");
    }

    @Test
    void decodesLeave() {
        assertEquals(new ClientFrame.Leave("lobby", null), decode("{'type':'leave','room':'lobby'}"));
        assertEquals(new ClientFrame.Leave("lobby", "l1"), decode("{'type':'leave','room':'lobby','ref':'l1'}"));
    }

    @Test
    void decodesMessageWithV1sTextRule() {
        assertEquals(new ClientFrame.Send("lobby", "hi <b>", null),
                decode("{'type':'message','room':'lobby','text':'hi <b>'}"));
        assertEquals(new ClientFrame.Send("lobby", "a.txt.exe", "12345678"),
                decode("{'type':'message','room':'lobby','text':'a.\\u202etxt.exe','ref':'12345678'}"),
                "bidirectional controls dropped; a ref of exactly the limit");
        assertEquals(new ClientFrame.Send("lobby", "😀".repeat(10), null),
                decode("{'type':'message','room':'lobby','text':'" + "😀".repeat(10) + "'}"), "code points count");
    }

    @Test
    void decodesEdit() {
        assertEquals(new ClientFrame.Edit("lobby", MESSAGE_ID, "hi!", "e1"),
                decode("{'type':'edit','room':'lobby','id':'" + ID + "','text':'hi!','ref':'e1'}"));
        assertEquals(new ClientFrame.Edit("lobby", MESSAGE_ID, "ok", null),
                decode("{'type':'edit','room':'lobby','id':'" + ID + "','text':'\\u200bok'}"));
    }

    @Test
    void decodesDelete() {
        assertEquals(new ClientFrame.Delete("lobby", MESSAGE_ID, null),
                decode("{'type':'delete','room':'lobby','id':'" + ID + "'}"));
        assertEquals(new ClientFrame.Delete("lobby", new MessageId(0, 0), "d1"),
                decode("{'type':'delete','room':'lobby','id':'0-0','ref':'d1'}"));
    }

    @Test
    void decodesReact() {
        assertEquals(new ClientFrame.React("lobby", MESSAGE_ID, "👍", true, null),
                decode("{'type':'react','room':'lobby','id':'" + ID + "','emoji':'👍','on':true}"));
        assertEquals(new ClientFrame.React("lobby", MESSAGE_ID, "👩‍💻", false, "x"),
                decode("{'type':'react','room':'lobby','id':'" + ID + "','emoji':'👩\\u200d💻','on':false,'ref':'x'}"));
    }

    @Test
    void decodesTypingAndReadWhichCarryNoRef() {
        assertEquals(new ClientFrame.Typing("lobby"), decode("{'type':'typing','room':'lobby','ref':'ignored!!'}"));
        assertEquals(new ClientFrame.Read("lobby", MESSAGE_ID),
                decode("{'type':'read','room':'lobby','id':'" + ID + "','ref':42}"));
    }

    @Test
    void decodesHistory() {
        assertEquals(new ClientFrame.History("lobby", null, 50, null), decode("{'type':'history','room':'lobby'}"));
        assertEquals(new ClientFrame.History("lobby", null, 50, null),
                decode("{'type':'history','room':'lobby','before':null,'limit':null}"));
        assertEquals(new ClientFrame.History("lobby", MESSAGE_ID, 100, "h1"),
                decode("{'type':'history','room':'lobby','before':'" + ID + "','limit':100,'ref':'h1'}"));
        assertEquals(new ClientFrame.History("lobby", null, 1, null),
                decode("{'type':'history','room':'lobby','limit':1}"));
    }

    @Test
    void decodesPingWithoutARoom() {
        assertEquals(new ClientFrame.Ping(), decode("{'type':'ping'}"));
        assertEquals(new ClientFrame.Ping(), decode("{'type':'ping','room':'not a room!'}"));
    }

    @Test
    void ignoresUnknownFieldsWithinTheLimits() {
        assertEquals(new ClientFrame.Leave("lobby", null),
                decode("{'type':'leave','room':'lobby','future':{'list':[1,2,{'x':true}]}}"));
    }

    static Stream<Arguments> badFrames() {
        String id = "'id':'" + ID + "'";
        return Stream.of(
                // v1's JSON rules: nothing to echo
                refused("{not json", Kind.INVALID_JSON, null, null),
                refused("", Kind.INVALID_JSON, null, null),
                refused("{'type':'ping'} {}", Kind.INVALID_JSON, null, null),
                refused("{'type':'leave','room':'lobby','ref':'r','x':[[[[[[[[[1]]]]]]]]]}", Kind.INVALID_JSON,
                        null, null),
                refused("{'type':'history','room':'lobby','limit':" + "1".repeat(33) + "}", Kind.INVALID_JSON,
                        null, null),
                refused("[{'type':'ping'}]", Kind.INVALID_MESSAGE, null, null),
                refused("'ping'", Kind.INVALID_MESSAGE, null, null),
                // type
                refused("{'room':'lobby','ref':'r'}", Kind.INVALID_MESSAGE, "lobby", "r"),
                refused("{'type':7,'room':'lobby'}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'welcome','room':'lobby','ref':'r'}", Kind.UNKNOWN_TYPE, "lobby", "r"),
                refused("{'type':'JOIN','room':'lobby'}", Kind.UNKNOWN_TYPE, "lobby", null),
                refused("{'type':'hello'}", Kind.UNKNOWN_TYPE, null, null),
                // room: missing or mistyped, then malformed (invalid_join for a join)
                refused("{'type':'join','ref':'r'}", Kind.INVALID_MESSAGE, null, "r"),
                refused("{'type':'join','room':5,'ref':'r'}", Kind.INVALID_MESSAGE, null, "r"),
                refused("{'type':'join','room':null}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'join','room':'two words','ref':'r'}", Kind.INVALID_JOIN, null, "r"),
                refused("{'type':'join','room':''}", Kind.INVALID_JOIN, null, null),
                refused("{'type':'join','room':'-lobby'}", Kind.INVALID_JOIN, null, null),
                refused("{'type':'join','room':'" + SIXTY_FIVE + "'}", Kind.INVALID_JOIN, null, null),
                refused("{'type':'join','room':'lobby\\u200b'}", Kind.INVALID_JOIN, null, null),
                refused("{'type':'leave','room':'a/b','ref':'r'}", Kind.INVALID_MESSAGE, null, "r"),
                refused("{'type':'message','text':'hi'}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'message','room':['lobby'],'text':'hi'}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'edit','room':'é'," + id + ",'text':'hi'}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'delete','room':'lobby!'," + id + "}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'react','room':' lobby'," + id + ",'emoji':'👍','on':true}",
                        Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'typing'}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'read','room':'.x'," + id + "}", Kind.INVALID_MESSAGE, null, null),
                refused("{'type':'history','room':''}", Kind.INVALID_MESSAGE, null, null),
                // since (join)
                refused("{'type':'join','room':'lobby','since':'yesterday','ref':'r'}", Kind.INVALID_JOIN,
                        "lobby", "r"),
                refused("{'type':'join','room':'lobby','since':'-1-0'}", Kind.INVALID_JOIN, "lobby", null),
                refused("{'type':'join','room':'lobby','since':1732240000123}", Kind.INVALID_MESSAGE, "lobby",
                        null),
                // ref: too long, or not a string; the room still goes back
                refused("{'type':'join','room':'lobby','ref':'123456789'}", Kind.REF_TOO_LONG, "lobby", null),
                refused("{'type':'leave','room':'lobby','ref':'123456789'}", Kind.REF_TOO_LONG, "lobby", null),
                refused("{'type':'message','room':'lobby','text':'hi','ref':'123456789'}", Kind.REF_TOO_LONG,
                        "lobby", null),
                refused("{'type':'edit','room':'lobby'," + id + ",'text':'hi','ref':'123456789'}",
                        Kind.REF_TOO_LONG, "lobby", null),
                refused("{'type':'delete','room':'lobby'," + id + ",'ref':'123456789'}", Kind.REF_TOO_LONG,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'👍','on':true,'ref':'123456789'}",
                        Kind.REF_TOO_LONG, "lobby", null),
                refused("{'type':'history','room':'lobby','ref':'123456789'}", Kind.REF_TOO_LONG, "lobby", null),
                refused("{'type':'message','room':'lobby','text':'hi','ref':7}", Kind.INVALID_MESSAGE, "lobby",
                        null),
                // text (message, edit): required, then v1's rule
                refused("{'type':'message','room':'lobby','ref':'r'}", Kind.INVALID_MESSAGE, "lobby", "r"),
                refused("{'type':'message','room':'lobby','text':null}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'message','room':'lobby','text':42}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'message','room':'lobby','text':' \\n ','ref':'r'}", Kind.EMPTY_TEXT, "lobby",
                        "r"),
                refused("{'type':'message','room':'lobby','text':'\\u200b\\u2066'}", Kind.EMPTY_TEXT, "lobby",
                        null),
                refused("{'type':'message','room':'lobby','text':'12345678901'}", Kind.TEXT_TOO_LONG, "lobby",
                        null),
                refused("{'type':'message','room':'lobby','text':'a\\u0007'}", Kind.INVALID_TEXT, "lobby", null),
                refused("{'type':'message','room':'lobby','text':'hi\\ud800'}", Kind.INVALID_TEXT, "lobby", null),
                refused("{'type':'edit','room':'lobby'," + id + ",'ref':'r'}", Kind.INVALID_MESSAGE, "lobby", "r"),
                refused("{'type':'edit','room':'lobby'," + id + ",'text':''}", Kind.EMPTY_TEXT, "lobby", null),
                refused("{'type':'edit','room':'lobby'," + id + ",'text':'12345678901'}", Kind.TEXT_TOO_LONG,
                        "lobby", null),
                refused("{'type':'edit','room':'lobby'," + id + ",'text':'\\u0000'}", Kind.INVALID_TEXT, "lobby",
                        null),
                // id (edit, delete, react, read)
                refused("{'type':'edit','room':'lobby','text':'hi','ref':'r'}", Kind.INVALID_MESSAGE, "lobby", "r"),
                refused("{'type':'edit','room':'lobby','id':'x','text':'hi'}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'delete','room':'lobby'}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'delete','room':'lobby','id':1732240000123}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'delete','room':'lobby','id':'1-'}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'delete','room':'lobby','id':'99999999999999999999-0'}", Kind.INVALID_MESSAGE,
                        "lobby", null),
                refused("{'type':'react','room':'lobby','id':null,'emoji':'👍','on':true}", Kind.INVALID_MESSAGE,
                        "lobby", null),
                refused("{'type':'read','room':'lobby'}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'read','room':'lobby','id':'1-2-3'}", Kind.INVALID_MESSAGE, "lobby", null),
                // emoji and on (react)
                refused("{'type':'react','room':'lobby'," + id + ",'on':true,'ref':'r'}", Kind.INVALID_EMOJI,
                        "lobby", "r"),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'a','on':true}", Kind.INVALID_EMOJI,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'👍👍','on':true}", Kind.INVALID_EMOJI,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'','on':true}", Kind.INVALID_EMOJI,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':1,'on':true}", Kind.INVALID_EMOJI,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'👍','ref':'r'}", Kind.INVALID_MESSAGE,
                        "lobby", "r"),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'👍','on':'true'}", Kind.INVALID_MESSAGE,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'👍','on':1}", Kind.INVALID_MESSAGE,
                        "lobby", null),
                refused("{'type':'react','room':'lobby'," + id + ",'emoji':'👍','on':null}", Kind.INVALID_MESSAGE,
                        "lobby", null),
                // before and limit (history)
                refused("{'type':'history','room':'lobby','before':'x','ref':'r'}", Kind.INVALID_MESSAGE, "lobby",
                        "r"),
                refused("{'type':'history','room':'lobby','before':5}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':0}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':101}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':-1}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':'50'}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':2.5}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':50.0}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':1e1}", Kind.INVALID_MESSAGE, "lobby", null),
                refused("{'type':'history','room':'lobby','limit':4294967346}", Kind.INVALID_MESSAGE, "lobby",
                        null),
                refused("{'type':'history','room':'lobby','limit':true}", Kind.INVALID_MESSAGE, "lobby", null));
    }

    @ParameterizedTest(name = "{1} for {0}")
    @MethodSource("badFrames")
    void refusesBadFramesWithTheirCodeKeepingWhatWasValid(String frame, Kind code, String room, String ref) {
        RefusedFrame e = assertThrows(RefusedFrame.class, () -> decoder.decode(frame));
        assertEquals(code, e.refusal().kind(), e.getMessage());
        if (code != Kind.INVALID_JOIN) { // v1 closes on it (1008); v2 answers it with an error, as RefusedFrame says
            assertFalse(e.refusal().closes(), "a bad frame never costs the connection");
        }
        assertEquals(room, e.room(), "room echoed only when valid");
        assertEquals(ref, e.ref(), "ref echoed only when valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "secret room", "lobby\\u202e",
            "toolong_toolong_toolong_toolong_toolong_toolong_toolong_toolong_x"})
    void aBadRoomIsNeitherEchoedNorRepeatedInTheMessage(String room) {
        for (String type : new String[] {"join", "leave", "message", "typing", "history"}) {
            RefusedFrame e = assertThrows(RefusedFrame.class,
                    () -> decoder.decode(json("{'type':'" + type + "','room':'" + room + "','text':'hi'}")));
            assertNull(e.room());
            assertFalse(e.getMessage().contains(room.substring(0, 5)), e.getMessage());
            assertTrue(e.getMessage().contains("1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit"),
                    "the message names the rule: " + e.getMessage());
        }
    }

    @Test
    void messagesNameTheFieldAtFault() {
        assertEquals("field 'room' must be a string", message("{'type':'leave'}"));
        assertEquals("invalid room: use 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit",
                message("{'type':'join','room':'a b'}"));
        assertEquals("field 'room' must be a room name: 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit",
                message("{'type':'leave','room':'a b'}"));
        assertEquals("field 'id' must be a message id", message("{'type':'read','room':'r','id':'oops'}"));
        assertEquals("field 'before' must be a message id", message("{'type':'history','room':'r','before':'o'}"));
        assertEquals("invalid since: give the id of the last message you received",
                message("{'type':'join','room':'r','since':'oops'}"));
        assertEquals("field 'text' must be a string", message("{'type':'message','room':'r'}"));
        assertEquals("field 'emoji' must be one emoji",
                message("{'type':'react','room':'r','id':'1-0','emoji':'no','on':true}"));
        assertEquals("field 'on' must be true or false",
                message("{'type':'react','room':'r','id':'1-0','emoji':'👍'}"));
        assertEquals("field 'limit' must be a whole number from 1 to 100",
                message("{'type':'history','room':'r','limit':0}"));
        assertEquals("ref is longer than 8 characters", message("{'type':'leave','room':'r','ref':'123456789'}"));
        assertEquals("unknown type; a client may send join, leave, message, edit, delete, react, typing, read,"
                + " history or ping", message("{'type':'welcome'}"));
    }

    @Test
    void aRefusedFrameIsARefusedExceptionAndMakesItsErrorFrame() {
        RefusedFrame e = assertThrows(RefusedFrame.class,
                () -> decoder.decode(json("{'type':'react','room':'lobby','id':'1-0','emoji':'no','on':true,"
                        + "'ref':'c-1'}")));
        Refusal refusal = RefusedException.of(e);
        assertSame(e.refusal(), refusal);
        assertEquals(new ErrorFrame(MessageType.ERROR, "invalid_emoji", "field 'emoji' must be one emoji", "lobby",
                "c-1"), e.errorFrame());
    }

    @Test
    void theRoomRuleIsV1s() {
        assertEquals(JoinRequest.ROOM_REGEX, FrameFields.ROOM_REGEX);
    }

    private ClientFrame decode(String frame) {
        return decoder.decode(json(frame));
    }

    private String message(String frame) {
        return assertThrows(RefusedFrame.class, () -> decode(frame)).getMessage();
    }

    private static Arguments refused(String frame, Kind code, String room, String ref) {
        return Arguments.of(json(frame), code, room, ref);
    }

    /** The frame with its single quotes made double. */
    private static String json(String frame) {
        return frame.replace('\'', '"');
    }
}
