package org.acme.chat.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.acme.chat.history.HistoryStore;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Presence;
import org.acme.chat.protocol.Welcome;

/**
 * The members of one room on this node. Every change and every broadcast happens under the room's lock, so each
 * member receives events in one order: its welcome first, then joins, leaves and messages in id order.
 */
final class Room {

    private final String name;
    private final HistoryStore history;
    private final EventEncoder encoder;
    private final Map<String, Participant> byId = new LinkedHashMap<>();
    private final Map<String, Participant> byNameKey = new HashMap<>();

    Room(String name, HistoryStore history, EventEncoder encoder) {
        this.name = name;
        this.history = history;
        this.encoder = encoder;
    }

    synchronized boolean hasName(String memberName) {
        return byNameKey.containsKey(nameKey(memberName));
    }

    synchronized boolean isEmpty() {
        return byId.isEmpty();
    }

    synchronized int size() {
        return byId.size();
    }

    /** Adds the participant, sends it the welcome, and tells the others. */
    synchronized void join(Participant joiner, long now) throws NameTakenException {
        Member member = joiner.member();
        String key = nameKey(member.name());
        if (byNameKey.containsKey(key)) {
            throw new NameTakenException(name, member.name());
        }
        byId.put(member.id(), joiner);
        byNameKey.put(key, joiner);
        List<Member> members = new ArrayList<>(byId.size());
        byId.values().forEach(p -> members.add(p.member()));
        joiner.deliver(encoder.encode(new Welcome(name, member, members, history.recent(name))));
        broadcastExcept(encoder.encode(Presence.join(name, member, now)), member.id());
    }

    /** Removes the member and tells the others; returns false if it was not here. */
    synchronized boolean leave(String memberId, long now) {
        Participant gone = byId.remove(memberId);
        if (gone == null) {
            return false;
        }
        byNameKey.remove(nameKey(gone.member().name()));
        broadcastExcept(encoder.encode(Presence.leave(name, gone.member(), now)), memberId);
        return true;
    }

    /** Stores the message in history and delivers it to every member, the sender included. */
    synchronized Posted post(Member from, String text, long now) {
        ChatMessage message = history.append(name, from, text, now);
        String frame = encoder.encode(message);
        for (Participant p : byId.values()) {
            p.deliver(frame);
        }
        return new Posted(message, byId.size());
    }

    private void broadcastExcept(String frame, String exceptId) {
        for (Participant p : byId.values()) {
            if (!p.member().id().equals(exceptId)) {
                p.deliver(frame);
            }
        }
    }

    static String nameKey(String memberName) {
        return memberName.toLowerCase(Locale.ROOT);
    }
}
