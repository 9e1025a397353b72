package org.acme.chat.bench;

import java.time.Duration;

/**
 * Scenario {@code fanout}: rooms x members, publishers sending at a fixed total rate; reports delivered copies per
 * second, the delivery ratio (must be 100%) and end-to-end latency p50/p99/p99.9/max.
 */
final class FanoutScenario {

    private FanoutScenario() {
    }

    static int run(Args args) {
        FanoutOptions options = FanoutOptions.from(args);
        double rate = args.decimal("rate", 100);
        Duration duration = args.duration("duration", Duration.ofSeconds(10));
        args.rejectUnused();

        Report.heading("fanout: %s, %,.0f messages/s for %d s (%,.0f copies/s offered)", options.shape(), rate,
                duration.toSeconds(), rate * options.members());
        try (ChatClient client = options.client();
                FanoutRun run = FanoutRun.open(client, options)) {
            if (!options.warmup().isZero()) {
                StepResult warm = run.step(0, rate, options.warmup(), options.drain(), options.size());
                Report.line("warm-up:    %s delivered, p99 %s%s", Report.percent(warm.ratio()),
                        Report.ms(warm.percentileMs(99)), warm.problems().isEmpty() ? "" : "; " + warm.problems());
            }
            StepResult result = run.step(1, rate, duration, options.drain(), options.size());
            Report.line("");
            Report.stepDetails(result);
            Report.line("closes:               %s", run.closes());
            Report.line("error frames:         %s", run.errors());
            options.results("fanout").put("duration_s", duration.toMillis() / 1000.0).putStep("", result)
                    .put("close_reasons", run.closes().toString()).save(options.out());
            return result.complete() ? 0 : 1;
        }
    }
}
