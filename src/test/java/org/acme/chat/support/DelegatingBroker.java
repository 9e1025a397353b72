package org.acme.chat.support;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
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

    @Override
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        return delegate.post(room, from, text);
    }

    @Override
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        return delegate.checkJoin(room, name);
    }
}
