package org.acme.chat.room;

import org.acme.chat.protocol.ChatMessage;

/** A message as stored, and to how many local members it was handed. */
public record Posted(ChatMessage message, int recipients) {
}
