package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A member of a room: an opaque server-assigned id and the display name it joined with. */
@RegisterForReflection
public record Member(String id, String name) {
}
