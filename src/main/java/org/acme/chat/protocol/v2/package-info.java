/**
 * Protocol v2 ({@code /ws}): one connection per person and tab, many rooms on it. The frames as records with an enum
 * {@code type} ({@link org.acme.chat.protocol.MessageType}), the client frames ({@link ClientFrame}) and their decoder.
 * docs/protocol.md documents every frame.
 */
package org.acme.chat.protocol.v2;
