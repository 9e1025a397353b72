package org.acme.chat.room;

/** The room has {@code chat.limits.max-members-per-room} members, or the node {@code chat.limits.max-rooms} rooms. */
public class RoomFullException extends JoinRefusedException {

    private final boolean nodeFull;

    private RoomFullException(String message, boolean nodeFull) {
        super(message);
        this.nodeFull = nodeFull;
    }

    public static RoomFullException roomFull(String room) {
        return new RoomFullException("room '" + room + "' is full", false);
    }

    public static RoomFullException tooManyRooms() {
        return new RoomFullException("this server has too many rooms: try again later", true);
    }

    /** True when the node, not the room, is full (a new room was refused). */
    public boolean nodeFull() {
        return nodeFull;
    }
}
