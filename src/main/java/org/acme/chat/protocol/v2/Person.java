package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A person present in a room: their id and name, and how many connections ({@code sessions}) they have in it. */
@RegisterForReflection
public record Person(String id, String name, int sessions) {
}
