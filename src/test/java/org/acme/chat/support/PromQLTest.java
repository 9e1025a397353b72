package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PromQL checks the monitoring test relies on find what they should, and nothing else. Plain JUnit. */
class PromQLTest {

    @Test
    void metricNamesLeaveOutFunctionsLabelsRangesVariablesAndKeywords() {
        String expr = "histogram_quantile(0.99, sum by (namespace, le) (rate(chat_broadcast_duration_seconds_bucket"
                + "{job=\"quarkus-chat\", namespace=\"$namespace\"}[$__rate_interval]))) > 0.25"
                + " and on (namespace) sum(up{job='x'}) without (pod) offset 5m or vector(0)"
                + " / ignoring(code) group_left max(kube_pod_container_resource_limits[1h:5m])";
        assertEquals(List.of(), PromQL.problems(expr));
        assertEquals(Set.of("chat_broadcast_duration_seconds_bucket", "up", "kube_pod_container_resource_limits"),
                PromQL.metricNames(expr));
    }

    @Test
    void unbalancedBracketsUnterminatedStringsAndUnknownFunctionsAreProblems() {
        assertEquals(List.of("unclosed '('"), PromQL.problems("sum(rate(x[5m])"));
        assertEquals(List.of("unbalanced ']' at 10"), PromQL.problems("sum(rate(x]5m))"));
        assertEquals(List.of("unterminated string at 4"), PromQL.problems("x{a=\"b}"));
        assertEquals(List.of("unknown function rates"), PromQL.problems("rates(x[5m])"));
        assertEquals(List.of("empty expression"), PromQL.problems(" "));
    }
}
