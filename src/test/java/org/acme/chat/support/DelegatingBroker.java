package org.acme.chat.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Change;
import org.acme.chat.broker.Census;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.broker.RoomPage;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;

/** A broker that forwards everything to another: test doubles override the one call they change. */
public abstract class DelegatingBroker implements Broker {

    protected final Broker delegate;

    protected DelegatingBroker(Broker delegate) {
        this.delegate = delegate;
    }

    @Override
    public void deliverTo(Consumer<RoomEvent> listener) {
        delegate.deliverTo(listener);
    }

    @Override
    public CompletionStage<Joined> join(String room, Member member, MessageId since) {
        return delegate.join(room, member, since);
    }

    @Override
    public CompletionStage<Void> leave(String room, Member member) {
        return delegate.leave(room, member);
    }

    /** A v1 join (the session is the member's own id) goes through {@link #join(String, Member, MessageId)}. */
    @Override
    public CompletionStage<Joined> join(String room, Member person, String session, MessageId since) {
        return session.equals(person.id()) ? join(room, person, since) : delegate.join(room, person, session, since);
    }

    /** A v1 leave goes through {@link #leave(String, Member)}, so that a double of v1's calls sees them all. */
    @Override
    public CompletionStage<Void> leave(String room, Member person, String session) {
        return session.equals(person.id()) ? leave(room, person) : delegate.leave(room, person, session);
    }

    @Override
    public CompletionStage<Change> edit(String room, Member person, MessageId id, String text) {
        return delegate.edit(room, person, id, text);
    }

    @Override
    public CompletionStage<Change> retract(String room, Member person, MessageId id) {
        return delegate.retract(room, person, id);
    }

    @Override
    public CompletionStage<Change> react(String room, Member person, MessageId id, String emoji, boolean on) {
        return delegate.react(room, person, id, emoji, on);
    }

    @Override
    public CompletionStage<Change> read(String room, Member person, MessageId id) {
        return delegate.read(room, person, id);
    }

    @Override
    public CompletionStage<Void> typing(String room, Member person, OutboundFrame frame) {
        return delegate.typing(room, person, frame);
    }

    @Override
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        return delegate.post(room, from, text);
    }

    @Override
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        return delegate.checkJoin(room, name);
    }

    @Override
    public CompletionStage<ChatMessage> publish(String room, Member from, String text) {
        return delegate.publish(room, from, text);
    }

    @Override
    public CompletionStage<Boolean> delete(String room, MessageId id) {
        return delegate.delete(room, id);
    }

    @Override
    public CompletionStage<Boolean> kick(String room, String name, String reason) {
        return delegate.kick(room, name, reason);
    }

    @Override
    public CompletionStage<Boolean> ban(String room, String name, Duration duration, String reason) {
        return delegate.ban(room, name, duration, reason);
    }

    @Override
    public CompletionStage<Boolean> unban(String room, String name) {
        return delegate.unban(room, name);
    }

    @Override
    public CompletionStage<RoomPage> rooms(String prefix, String after, int limit) {
        return delegate.rooms(prefix, after, limit);
    }

    @Override
    public CompletionStage<List<Member>> members(String room) {
        return delegate.members(room);
    }

    @Override
    public CompletionStage<List<ChatMessage>> history(String room, MessageId before, int limit) {
        return delegate.history(room, before, limit);
    }

    @Override
    public CompletionStage<Census> census(Census.NodeStats self, Duration staleAfter) {
        return delegate.census(self, staleAfter);
    }
}
