package org.acme.chat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario {@code max}: the fan-out step by step at a rising rate ({@code --start-rate}, times {@code --factor}
 * each step) until p99 latency exceeds {@code --p99-limit} or delivery drops below 100%, then {@code --refine} more
 * steps halving the gap between the last rate that held and the first that did not. Between steps it waits until
 * no copy has arrived for {@code --pause}. Reports the highest delivered copies per second of a step that held.
 */
final class MaxScenario {

    /** Generator CPU (cores) above which a failing step is flagged as possibly the generator's own limit. */
    static final double GENERATOR_BOUND = 0.9;

    private MaxScenario() {
    }

    static int run(Args args) {
        FanoutOptions options = FanoutOptions.from(args);
        double startRate = args.decimal("start-rate", 100);
        double factor = args.decimal("factor", 1.5);
        int maxSteps = args.integer("max-steps", 12);
        int refine = args.integer("refine", 1);
        Duration stepDuration = args.duration("step-duration", Duration.ofSeconds(5));
        Duration pause = args.duration("pause", Duration.ofSeconds(1));
        double p99Limit = args.duration("p99-limit", Duration.ofMillis(50)).toNanos() / 1e6;
        args.rejectUnused();
        if (factor <= 1) {
            throw new IllegalArgumentException("--factor must be above 1");
        }

        Report.heading("max: %s, from %,.0f messages/s, x%.2f per %d s step, until p99 > %.0f ms or delivery < 100%%",
                options.shape(), startRate, factor, stepDuration.toSeconds(), p99Limit);
        List<StepResult> steps = new ArrayList<>();
        StepResult best = null;
        String stop = "reached --max-steps " + maxSteps;
        try (ChatClient client = options.client();
                FanoutRun run = FanoutRun.open(client, options)) {
            if (!options.warmup().isZero()) {
                StepResult warm = run.step(0, startRate, options.warmup(), options.drain(), options.size());
                Report.line("warm-up:    %s delivered, p99 %s", Report.percent(warm.ratio()),
                        Report.ms(warm.percentileMs(99)));
            }
            Report.line("");
            Report.stepHeader();
            double rate = startRate;
            double held = Double.NaN;
            double failed = Double.NaN;
            double stopGeneratorCpu = Double.NaN;
            boolean closed = false;
            for (int k = 1; k <= maxSteps && Double.isNaN(failed); k++) {
                StepResult r = step(run, options, steps, rate, stepDuration);
                String failure = failure(r, p99Limit);
                if (failure == null) {
                    best = better(best, r);
                    held = rate;
                    rate *= factor;
                } else {
                    stop = String.format(Locale.ROOT, "step %d at %,.0f messages/s: %s", k, rate, failure);
                    if (r.generatorCores() >= GENERATOR_BOUND) {
                        stop += String.format(Locale.ROOT, "; the generator used %.0f%% of its core, so this may be"
                                + " the generator's limit rather than the server's", r.generatorCores() * 100);
                    }
                    stopGeneratorCpu = r.generatorCores();
                    failed = rate;
                    closed = r.closes() > 0;
                }
                settle(run, pause);
            }
            if (closed) {
                stop += "; connections were closed, so no refining steps";
            }
            for (int j = 0; j < refine && !closed && !Double.isNaN(held) && !Double.isNaN(failed); j++) {
                double between = (held + failed) / 2;
                StepResult r = step(run, options, steps, between, stepDuration);
                if (failure(r, p99Limit) == null) {
                    best = better(best, r);
                    held = between;
                } else {
                    failed = between;
                    closed = r.closes() > 0;
                }
                settle(run, pause);
            }
            Report.line("");
            Report.line("stopped: %s", stop);
            if (best == null) {
                Report.line("highest sustained: none (no step held)");
            } else {
                Report.line("highest sustained: %,.0f delivered copies/s at %,.0f messages/s x %d members"
                        + " (p99 %s, 100%% delivered)", best.deliveredPerSecond(), best.offeredRate(),
                        best.membersPerRoom(), Report.ms(best.percentileMs(99)));
            }
            Report.line("closes: %s; error frames: %s", run.closes(), run.errors());
            Results results = options.results("max").put("steps", steps.size()).put("stop", stop)
                    .put("stop_generator_cpu", stopGeneratorCpu).put("limit_found", !Double.isNaN(failed))
                    .put("p99_limit_ms", p99Limit)
                    .put("best_delivered_per_s", best == null ? 0.0 : best.deliveredPerSecond())
                    .put("best_rate", best == null ? 0.0 : best.offeredRate())
                    .put("best_p99_ms", best == null ? Double.NaN : best.percentileMs(99));
            for (StepResult r : steps) {
                results.putStep("step." + r.step() + ".", r);
            }
            results.save(options.out());
            return best == null ? 1 : 0;
        }
    }

    private static StepResult step(FanoutRun run, FanoutOptions options, List<StepResult> steps, double rate,
            Duration duration) {
        StepResult r = run.step(steps.size() + 1, rate, duration, options.drain(), options.size());
        steps.add(r);
        Report.stepRow(r);
        return r;
    }

    private static StepResult better(StepResult best, StepResult r) {
        return best == null || r.deliveredPerSecond() > best.deliveredPerSecond() ? r : best;
    }

    /** Why a step does not count as sustained, or null if it does. */
    private static String failure(StepResult r, double p99Limit) {
        if (!r.complete()) {
            return "delivery " + Report.percent(r.ratio()) + " (" + r.problems() + ")";
        }
        if (r.percentileMs(99) > p99Limit) {
            return String.format(Locale.ROOT, "p99 %.2f ms > %.0f ms", r.percentileMs(99), p99Limit);
        }
        return null;
    }

    /** Between steps: until no copy of the last one has arrived for {@code pause} (at most 30 s). */
    private static void settle(FanoutRun run, Duration pause) {
        if (!run.settle(pause, Duration.ofSeconds(30))) {
            Report.line("      (copies of the last step were still arriving 30 s later; going on)");
        }
    }
}
