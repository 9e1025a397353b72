package org.acme.chat.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.support.ConfigKeys;
import org.acme.chat.support.Kustomize;
import org.acme.chat.support.ManagementInterface;
import org.acme.chat.support.UnknownFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kubectl apply -k deploy/overlays/...} would send to a cluster, checked offline: every rendered object is a
 * kind the Kubernetes (and Prometheus Operator) schema has, with no field it does not know, and the facts that tie
 * the manifests to this app hold: probe and metrics paths answer 200 here on the management interface, which the
 * Ingress does not route to, ports and config keys are the app's, the grace period outlasts the drain, and the pods
 * run locked down.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final String CHAT = "quarkus-chat";
    private static final String HTTP = "http";
    private static final String MANAGEMENT = "management";

    @ParameterizedTest
    @ValueSource(strings = { "single", "cluster" })
    void everyObjectIsAKnownKindWithNoUnknownField(String overlay) {
        List<HasMetadata> objects = render(overlay);
        assertFalse(objects.isEmpty());
        for (HasMetadata object : objects) {
            String what = object.getKind() + "/" + object.getMetadata().getName() + " in " + overlay;
            assertFalse(object instanceof GenericKubernetesResource, what + " is not a kind the schemas know");
            assertEquals(List.of(), UnknownFields.of(object), what + " has fields its schema does not");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "single", "cluster" })
    void probesAndTheContainerPortAreTheApps(String overlay) {
        List<HasMetadata> objects = render(overlay);
        Container chat = chatContainer(objects);
        int httpPort = Integer.parseInt(appProperty("quarkus.http.port")); // the test itself runs on a random port
        assertEquals(httpPort, containerPort(chat, HTTP), "the container port named http is quarkus.http.port");
        assertEquals(Integer.parseInt(appProperty("quarkus.management.port")), containerPort(chat, MANAGEMENT),
                "the container port named management is quarkus.management.port");

        assertEquals("/q/health/started", chat.getStartupProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", chat.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", chat.getLivenessProbe().getHttpGet().getPath());
        for (Probe probe : List.of(chat.getStartupProbe(), chat.getReadinessProbe(), chat.getLivenessProbe())) {
            assertEquals(MANAGEMENT, probe.getHttpGet().getPort().getStrVal(), "probes use the management interface");
            given().get(ManagementInterface.uri(probe.getHttpGet().getPath())).then().statusCode(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "single", "cluster" })
    void theGracePeriodOutlastsPreStopShutdownDelayAndDrain(String overlay) {
        List<HasMetadata> objects = render(overlay);
        PodSpec pod = chatDeployment(objects).getSpec().getTemplate().getSpec();
        Duration preStop = Duration.ofSeconds(chatContainer(objects).getLifecycle().getPreStop().getSleep().getSeconds());
        Duration shutdown = setting(objects, "chat.shutdown.delay").plus(setting(objects, "chat.shutdown.drain-timeout"));
        Duration grace = Duration.ofSeconds(pod.getTerminationGracePeriodSeconds());
        assertTrue(grace.compareTo(preStop.plus(shutdown)) > 0,
                () -> "grace " + grace + " must exceed preStop " + preStop + " + delay and drain " + shutdown);
    }

    @ParameterizedTest
    @ValueSource(strings = { "single", "cluster" })
    void everyConfigMapKeyIsASettingTheAppReads(String overlay) {
        Map<String, String> chatKeys = ConfigKeys.byEnvironmentVariable(ChatConfig.class);
        Set<String> quarkusKeys = Set.of("QUARKUS_REDIS_HOSTS");
        Map<String, String> settings = chatConfigMap(render(overlay)).getData();
        settings.keySet().forEach(key -> assertTrue(chatKeys.containsKey(key) || quarkusKeys.contains(key),
                () -> key + " in " + overlay + " is none of the app's settings " + chatKeys.keySet()));
        assertEquals(overlay.equals("single") ? "memory" : "redis", settings.get("CHAT_BROKER"));
    }

    @Test
    void singleRunsOnePodThatNeverScalesOut() {
        List<HasMetadata> objects = render("single");
        assertEquals(1, chatDeployment(objects).getSpec().getReplicas());
        assertEquals("Recreate", chatDeployment(objects).getSpec().getStrategy().getType());
        assertTrue(only(objects, HorizontalPodAutoscaler.class).isEmpty(), "no autoscaler with the memory broker");
    }

    @Test
    void clusterPointsTheAppAtItsRedisAndOnlyTheAppMayReachIt() {
        List<HasMetadata> objects = render("cluster");
        assertEquals(3, chatDeployment(objects).getSpec().getReplicas());
        assertEquals(3, one(objects, HorizontalPodAutoscaler.class, CHAT).getSpec().getMinReplicas());

        URI redis = URI.create(chatConfigMap(objects).getData().get(ConfigKeys.environmentVariable("quarkus.redis.hosts")));
        Service redisService = one(objects, Service.class, redis.getHost());
        assertEquals(redis.getPort(), redisService.getSpec().getPorts().get(0).getPort(), "QUARKUS_REDIS_HOSTS port");
        StatefulSet redisSet = one(objects, StatefulSet.class, redis.getHost());
        Map<String, String> redisPods = redisSet.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(matches(redisService.getSpec().getSelector(), redisPods), "the Redis Service selects the Redis pod");
        assertEquals(redis.getPort(), redisSet.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                .get(0).getContainerPort());

        Map<String, String> chatPods = chatDeployment(objects).getSpec().getTemplate().getMetadata().getLabels();
        NetworkPolicy redisPolicy = policyFor(objects, redisPods);
        redisPolicy.getSpec().getIngress().forEach(rule -> {
            rule.getFrom().forEach(peer -> assertTrue(peer.getNamespaceSelector() == null
                    && matches(peer.getPodSelector().getMatchLabels(), chatPods), "only chat pods reach Redis"));
            assertEquals(List.of(redis.getPort()), rule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList());
        });
        NetworkPolicy chatPolicy = policyFor(objects, chatPods);
        assertTrue(chatPolicy.getSpec().getEgress().stream().anyMatch(rule -> rule.getTo().stream()
                .anyMatch(peer -> matches(peer.getPodSelector().getMatchLabels(), redisPods))
                && rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == redis.getPort())),
                "chat pods may reach Redis");
        assertEquals(List.of("ingress-nginx", "monitoring"), chatPolicy.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream())
                .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")).toList());
    }

    @Test
    void clusterRedisEvictsBelowItsContainerMemoryLimitInsteadOfBeingKilled() {
        Container redis = one(render("cluster"), StatefulSet.class, "quarkus-chat-redis").getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        List<String> args = redis.getArgs();
        assertTrue(args.contains("--maxmemory"), () -> "Redis without --maxmemory grows until it is OOM-killed: " + args);
        long maxmemory = redisBytes(args.get(args.indexOf("--maxmemory") + 1));
        long limit = Quantity.getAmountInBytes(redis.getResources().getLimits().get("memory")).longValueExact();
        assertTrue(maxmemory > 0 && maxmemory <= limit * 3 / 4, () -> "--maxmemory " + maxmemory + " must leave a "
                + "quarter of the container limit " + limit + " for fragmentation and the append-only rewrite's fork");
        String policy = args.get(args.indexOf("--maxmemory-policy") + 1);
        assertTrue(policy.startsWith("volatile-") || policy.startsWith("allkeys-"),
                () -> "a full Redis must evict (every chat key expires), not refuse every write: " + policy);
    }

    /** A Redis memory setting in bytes: {@code 256mb} is 256 MiB, {@code 256m} 256,000,000 (redis.conf's units). */
    private static long redisBytes(String value) {
        Matcher unit = Pattern.compile("(\\d+)(b|k|kb|m|mb|g|gb)?").matcher(value.toLowerCase(Locale.ROOT));
        assertTrue(unit.matches(), () -> "not a Redis memory size: " + value);
        long factor = switch (unit.group(2) == null ? "b" : unit.group(2)) {
            case "k" -> 1_000L;
            case "kb" -> 1L << 10;
            case "m" -> 1_000_000L;
            case "mb" -> 1L << 20;
            case "g" -> 1_000_000_000L;
            case "gb" -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(unit.group(1)) * factor;
    }

    @Test
    void clusterIsReachedThroughTheIngressAndScrapedOnTheMetricsPath() {
        List<HasMetadata> objects = render("cluster");
        Service service = one(objects, Service.class, CHAT);
        Ingress ingress = one(objects, Ingress.class, CHAT);
        var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertEquals(CHAT, backend.getName());
        ServicePort routed = service.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals(backend.getPort().getName())).findFirst().orElseThrow();
        assertEquals(HTTP, routed.getTargetPort().getStrVal(), "the Ingress routes to the chat, not to health/metrics");
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        Duration heartbeat = setting(objects, "chat.heartbeat.interval");
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            long seconds = Long.parseLong(annotations.get("nginx.ingress.kubernetes.io/" + timeout));
            assertTrue(seconds > heartbeat.toSeconds(), timeout + " must outlast the heartbeat interval " + heartbeat);
        }

        ServiceMonitor monitor = one(objects, ServiceMonitor.class, CHAT);
        assertTrue(matches(monitor.getSpec().getSelector().getMatchLabels(), service.getMetadata().getLabels()));
        var endpoint = monitor.getSpec().getEndpoints().get(0);
        ServicePort scraped = service.getSpec().getPorts().stream().filter(p -> p.getName().equals(endpoint.getPort()))
                .findFirst().orElseThrow();
        assertEquals(MANAGEMENT, scraped.getTargetPort().getStrVal(), "Prometheus scrapes the management interface");
        given().get(ManagementInterface.uri(endpoint.getPath())).then().statusCode(200);
    }

    @Test
    void onlyPrometheusMayReachTheManagementInterfaceAndOnlyIt() {
        List<HasMetadata> objects = render("cluster");
        NetworkPolicy chatPolicy = policyFor(objects,
                chatDeployment(objects).getSpec().getTemplate().getMetadata().getLabels());
        for (var rule : chatPolicy.getSpec().getIngress()) {
            String from = rule.getFrom().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            List<String> ports = rule.getPorts().stream().map(p -> p.getPort().getStrVal()).toList();
            assertEquals(List.of(from.equals("monitoring") ? MANAGEMENT : HTTP), ports, "ports open to " + from);
        }
    }

    @Test
    void clusterTakesTheIngressHostForItsOwnOriginNotTheHostHeader() {
        List<HasMetadata> objects = render("cluster");
        String host = one(objects, Ingress.class, CHAT).getSpec().getRules().get(0).getHost();
        assertEquals(host, chatConfigMap(objects).getData().get(ConfigKeys.environmentVariable("chat.public-hosts")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "single", "cluster" })
    void podsRunLockedDownWithMeasuredResources(String overlay) {
        List<HasMetadata> objects = render(overlay);
        Deployment deployment = chatDeployment(objects);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container chat = chatContainer(objects);
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(Boolean.FALSE, chat.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, chat.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), chat.getSecurityContext().getCapabilities().getDrop());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(Boolean.FALSE, one(objects, ServiceAccount.class, pod.getServiceAccountName())
                .getAutomountServiceAccountToken());
        assertNotNull(chat.getResources().getRequests().get("memory"));
        assertNotNull(chat.getResources().getLimits().get("memory"));
        assertTrue(chat.getImage().endsWith("-native"), "Kubernetes runs the native image: " + chat.getImage());

        Map<String, String> chatPods = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(matches(deployment.getSpec().getSelector().getMatchLabels(), chatPods));
        assertTrue(matches(one(objects, Service.class, CHAT).getSpec().getSelector(), chatPods));
        assertTrue(matches(one(objects, PodDisruptionBudget.class, CHAT).getSpec().getSelector().getMatchLabels(),
                chatPods));
        for (StatefulSet other : only(objects, StatefulSet.class)) {
            assertFalse(matches(one(objects, Service.class, CHAT).getSpec().getSelector(),
                    other.getSpec().getTemplate().getMetadata().getLabels()), "the chat Service selects only chat pods");
        }
    }

    private static List<HasMetadata> render(String overlay) {
        return Kustomize.render(DEPLOY.resolve("overlays").resolve(overlay));
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name)).getContainerPort();
    }

    private static Deployment chatDeployment(List<HasMetadata> objects) {
        return one(objects, Deployment.class, CHAT);
    }

    private static Container chatContainer(List<HasMetadata> objects) {
        return chatDeployment(objects).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(CHAT)).findFirst().orElseThrow();
    }

    /** The ConfigMap the chat container takes its environment from. */
    private static ConfigMap chatConfigMap(List<HasMetadata> objects) {
        String name = chatContainer(objects).getEnvFrom().get(0).getConfigMapRef().getName();
        return one(objects, ConfigMap.class, name);
    }

    /** A setting as the pods get it: from their ConfigMap, else from the app's application.properties (prod). */
    private static Duration setting(List<HasMetadata> objects, String property) {
        String value = chatConfigMap(objects).getData().get(ConfigKeys.environmentVariable(property));
        return DurationConverter.parseDuration(value != null ? value : appProperty(property));
    }

    /** A property as the packaged app has it outside the test profile, from its application.properties. */
    private static String appProperty(String property) {
        Properties app = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            app.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Objects.requireNonNull(app.getProperty(property), property + " is not in application.properties");
    }

    private static NetworkPolicy policyFor(List<HasMetadata> objects, Map<String, String> podLabels) {
        return only(objects, NetworkPolicy.class).stream()
                .filter(p -> matches(p.getSpec().getPodSelector().getMatchLabels(), podLabels)).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy for pods " + podLabels));
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
        List<T> found = only(objects, kind).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), () -> "one " + kind.getSimpleName() + " named " + name);
        return found.get(0);
    }

    private static <T extends HasMetadata> List<T> only(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
