package org.acme.chat.broker;

import java.util.List;

/**
 * What every node of the cluster reported recently ({@code nodes}, this one included), and the rooms with members on
 * any node ({@code rooms}). A single-node broker reports this node alone.
 */
public record Census(List<NodeStats> nodes, int rooms) {

    /** One node's counts: its connections to rooms, its rooms with members, and messages its members sent per second. */
    public record NodeStats(String node, int connections, int rooms, double messagesPerSecond) {
    }
}
