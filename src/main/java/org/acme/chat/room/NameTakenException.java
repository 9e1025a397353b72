package org.acme.chat.room;

/** The name is already used by a member of the room (names compare case-insensitively). */
public class NameTakenException extends JoinRefusedException {

    public NameTakenException(String room, String name) {
        super("name '" + name + "' is already taken in room '" + room + "'");
    }
}
