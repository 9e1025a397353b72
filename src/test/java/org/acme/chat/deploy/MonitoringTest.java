package org.acme.chat.deploy;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acme.chat.support.Kustomize;
import org.acme.chat.support.PromQL;
import org.acme.chat.support.UnknownFields;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring, as the cluster overlay renders it: the alerts are a valid PrometheusRule, the dashboard a
 * ConfigMap Grafana's sidecar loads with every panel complete, and every expression of both is sane PromQL that reads
 * only metrics this app exposes on its management interface, or that docs/observability.md says come from elsewhere
 * (Prometheus's {@code up}, kube-state-metrics' {@code kube_*}).
 */
@QuarkusTest
class MonitoringTest {

    private static final Path DASHBOARD = Path.of("deploy/monitoring/quarkus-chat-dashboard.json");
    private static final Path DOC = Path.of("docs/observability.md");
    private static final Pattern EXTERNAL = Pattern.compile("up|kube_[a-z_]+");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*[a-z_]+\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAlertsAreAPrometheusRuleWithNoUnknownFieldAndEveryAlertIsDocumented() throws IOException {
        PrometheusRule rule = one(render(), PrometheusRule.class, "quarkus-chat");
        assertEquals(List.of(), UnknownFields.of(rule), "fields the PrometheusRule schema does not have");
        String doc = Files.readString(DOC);
        Set<String> alerts = new HashSet<>();
        List<Rule> rules = rules(rule);
        assertTrue(rules.size() >= 5, "readiness, Redis, broadcast latency, refusals and reaps, memory");
        for (Rule r : rules) {
            String alert = r.getAlert();
            assertNotNull(alert, "every rule is an alert (no recording rules)");
            assertTrue(alerts.add(alert), alert + " is defined twice");
            assertTrue(PROMETHEUS_DURATION.matcher(r.getFor()).matches(), alert + ": for " + r.getFor());
            assertTrue(Set.of("warning", "critical").contains(r.getLabels().get("severity")), alert + ": severity");
            assertFalse(r.getAnnotations().getOrDefault("summary", "").isBlank(), alert + ": summary");
            assertFalse(r.getAnnotations().getOrDefault("description", "").isBlank(), alert + ": description");
            assertTrue(doc.contains("`" + alert + "`"), alert + " is not described in " + DOC);
        }
    }

    @Test
    void theDashboardIsAConfigMapGrafanaLoadsWithEveryPanelComplete() throws IOException {
        ConfigMap map = one(render(), ConfigMap.class, "quarkus-chat-dashboard");
        assertEquals("1", map.getMetadata().getLabels().get("grafana_dashboard"), "the label Grafana's sidecar loads");
        assertEquals(Files.readString(DASHBOARD), map.getData().get(DASHBOARD.getFileName().toString()));

        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        assertFalse(dashboard.path("uid").asText().isEmpty(), "a fixed uid, so that links and updates keep it");
        assertEquals("datasource", dashboard.at("/templating/list/0/type").asText(), "the Prometheus is chosen");
        Set<Integer> ids = new HashSet<>();
        List<int[]> cells = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.path("title").asText();
            assertFalse(title.isEmpty(), "every panel has a title");
            assertTrue(ids.add(panel.path("id").asInt()), title + ": panel ids are unique");
            JsonNode grid = panel.get("gridPos");
            assertNotNull(grid, title + ": gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt();
            int h = grid.path("h").asInt();
            assertTrue(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24, title + ": gridPos " + grid);
            for (int[] other : cells) {
                boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3]
                        && other[1] < y + h;
                assertFalse(overlaps, title + " overlaps another panel");
            }
            cells.add(new int[] { x, y, w, h });
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.at("/datasource/uid").asText(), title + ": datasource");
            assertTrue(panel.path("targets").size() > 0, title + ": targets");
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.get("targets")) {
                assertFalse(target.path("expr").asText().isBlank(), title + ": every target has an expr");
                assertTrue(refIds.add(target.path("refId").asText()), title + ": refIds are unique");
            }
        }
        assertTrue(ids.size() >= 12, "connections, rooms, messages, latencies, refusals, reaps, Redis, memory...");
    }

    @Test
    void everyExpressionIsSanePromQLReadingOnlyMetricsTheAppExposes() throws IOException {
        exerciseJoinMessageAndRefusals();
        String scrape = scrape();
        Set<String> exposed = new HashSet<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            exposed.add(sample.group(1));
        }

        Map<String, String> expressions = new LinkedHashMap<>();
        rules(one(render(), PrometheusRule.class, "quarkus-chat"))
                .forEach(r -> expressions.put("alert " + r.getAlert(), r.getExpr().getStrVal()));
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.put("panel " + panel.get("title").asText() + " " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if (variable.path("type").asText().equals("query")) {
                // Grafana's label_values(<series selector>, <label>): the selector is PromQL
                Matcher query = LABEL_VALUES.matcher(variable.at("/query/query").asText());
                assertTrue(query.matches(), "variable " + variable.get("name") + " is a label_values query");
                expressions.put("variable " + variable.get("name").asText(), query.group(1));
            }
        }

        Set<String> read = new TreeSet<>();
        expressions.forEach((where, expr) -> {
            assertEquals(List.of(), PromQL.problems(expr), where + ": " + expr);
            Set<String> names = PromQL.metricNames(expr);
            assertFalse(names.isEmpty(), where + " reads no metric: " + expr);
            for (String name : names) {
                if (!EXTERNAL.matcher(name).matches()) {
                    assertTrue(exposed.contains(name), () -> where + " reads " + name + ", which /q/metrics does not"
                            + " have (exact sample names: a counter ends in _total, a histogram has _bucket)");
                    read.add(name);
                }
            }
        });
        assertTrue(read.size() >= 15, "the dashboard and alerts read the app's own metrics: " + read);
    }

    @Test
    void everyChatMetricIsDocumented() throws IOException {
        exerciseJoinMessageAndRefusals();
        String doc = Files.readString(DOC);
        Matcher type = Pattern.compile("(?m)^# TYPE ((chat|process_resident)_[a-z_]+) ").matcher(scrape());
        List<String> missing = new ArrayList<>();
        while (type.find()) {
            String name = type.group(1).replaceFirst("_max$", ""); // a histogram's _max gauge: documented with it
            if (!doc.contains("`" + name)) {
                missing.add(type.group(1));
            }
        }
        assertEquals(List.of(), missing, "metrics missing from " + DOC);
    }

    /** A join, a message, a refused frame and a refused upgrade, so that every series the alerts read exists. */
    private void exerciseJoinMessageAndRefusals() {
        String room = uniqueRoom("monitoring");
        try (WsClient alice = WsClient.join(base, room, "monitoring-alice");
                WsClient bob = WsClient.join(base, room, "monitoring-bob")) {
            alice.next("join");
            alice.send(new JsonObject().put("type", "message").put("text", "observed"));
            bob.next("message");
            bob.send("{broken");
            bob.next("error");
        }
        assertEquals(400, WsClient.rejectedStatus(base, "/chat/" + "r".repeat(65) + "?name=alice"), "room too long");
    }

    private static List<Rule> rules(PrometheusRule rule) {
        return rule.getSpec().getGroups().stream().flatMap(group -> group.getRules().stream()).toList();
    }

    private static List<HasMetadata> render() {
        return Kustomize.render(Path.of("deploy/overlays/cluster"));
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), () -> "one " + kind.getSimpleName() + " named " + name);
        return found.get(0);
    }
}
