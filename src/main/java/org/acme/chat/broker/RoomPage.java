package org.acme.chat.broker;

import java.util.List;

/**
 * One page of the rooms that have members on any node, by name, each with its member count; {@code next} is the
 * cursor for the page after it (the last room name listed), or null when there is none.
 */
public record RoomPage(List<RoomCount> rooms, String next) {

    /** A room and how many members it has, all nodes together. */
    public record RoomCount(String room, int members) {
    }
}
