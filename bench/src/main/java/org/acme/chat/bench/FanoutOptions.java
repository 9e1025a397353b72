package org.acme.chat.bench;

import java.time.Duration;

/**
 * Flags shared by the fanout and max scenarios: the shape ({@code --rooms}, {@code --members}, {@code --publishers}),
 * the text size, the warm-up and drain times, how the connections are made, and the server's management port (its
 * {@code /q/metrics}).
 */
record FanoutOptions(Target target, int managementPort, ServerProcess server, int rooms, int members, int publishers,
                     int size, Duration warmup, Duration drain, int threads, int concurrency, String roomPrefix,
                     String out) {

    static FanoutOptions from(Args args) {
        int rooms = args.integer("rooms", 1);
        return new FanoutOptions(
                Target.from(args),
                args.integer("management-port", 9000),
                ServerProcess.from(args),
                rooms,
                args.integer("members", 100),
                args.integer("publishers", rooms),
                args.integer("size", 100),
                args.duration("warmup", Duration.ofSeconds(3)),
                args.duration("drain", Duration.ofSeconds(5)),
                args.integer("threads", Runtime.getRuntime().availableProcessors()),
                args.integer("concurrency", 100),
                args.string("room-prefix", Target.randomPrefix("fan")),
                args.string("out", null));
    }

    String shape() {
        return rooms + "x" + members;
    }

    /** Lines every fan-out report starts with: where, what shape, the generator, and the CPU pinning. */
    void describe(ChatClient client) {
        Report.line("target:     %s", target);
        Report.line("shape:      %,d rooms x %,d members = %,d connections, %,d publishers, %d-byte texts",
                rooms, members, rooms * members, publishers, size);
        Report.line("timing:     warm-up %d ms (not counted), drain up to %d ms after the last send",
                warmup.toMillis(), drain.toMillis());
        Report.line("generator:  %d event loop(s), %s, %d CPU(s) available to this JVM", threads,
                client.transport(), Runtime.getRuntime().availableProcessors());
        Report.line("%s", ServerProcess.pinning(server));
    }

    /** Records the shape in a results file. */
    Results results(String scenario) {
        return new Results().put("scenario", scenario).put("shape", shape()).put("rooms", rooms)
                .put("members", members).put("publishers", publishers).put("size", size)
                .put("server", server == null ? "unknown" : server.name())
                .put("pinning", ServerProcess.pinning(server));
    }

    ChatClient client() {
        return new ChatClient(target, threads, Duration.ofSeconds(15));
    }
}
