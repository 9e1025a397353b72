package org.acme.chat.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Every {@code chat.*} timer publishes cumulative histogram buckets ({@code _bucket{le=...}}), so that Prometheus can
 * sum them over pods and take quantiles of the sum ({@code histogram_quantile}); a quantile computed in each pod could
 * not be aggregated. The buckets are fixed, few (these series exist per pod) and chosen around what the service does:
 * a memory broker's broadcast takes tens of microseconds, a Redis round trip about a millisecond in a cluster; the
 * alert on broadcast p99 (deploy/monitoring) sits on the 250 ms boundary. No client-side percentiles, no Micrometer
 * percentile histogram (its ~70 buckets per timer would multiply the series).
 */
@Singleton
public class Histograms {

    /** Latency buckets of every chat timer: 0.1 ms to 2.5 s (Prometheus adds +Inf). */
    static final Duration[] LATENCY_BUCKETS = Stream.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0,
            500.0, 1000.0, 2500.0).map(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);

    /**
     * Buckets of {@code chat.send.queue.bytes}: up to 1 KiB is a client that keeps up (0, or a frame or two in flight);
     * 256 KiB and 4 MiB are the defaults of {@code chat.send-queue.low-water-bytes} and {@code max-bytes}.
     */
    static final double[] QUEUE_BYTES_BUCKETS = { 1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024,
            16 * 1024 * 1024 };

    @Produces
    @Singleton
    MeterFilter chatTimerBuckets() {
        double[] nanos = Stream.of(LATENCY_BUCKETS).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("chat.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(false).serviceLevelObjectives(nanos)
                        .build().merge(config);
            }
        };
    }
}
