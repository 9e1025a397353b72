package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a kustomize tree with {@code kubectl kustomize}, as {@code kubectl apply -k} would, into fabric8's typed
 * Kubernetes model; without kubectl, with a standalone {@code kustomize build} (4.5 or later renders these trees
 * the same). A machine with neither skips the tests that need it, but with {@code CI=true} they fail (.ci/run
 * installs one).
 */
public final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} renders, each read into its fabric8 model class. */
    public static List<HasMetadata> render(Path dir) {
        String yaml = onPath("kubectl") ? run("kubectl", "kustomize", dir.toString())
                : run("kustomize", "build", dir.toString());
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<KubernetesResource> documents = YAML.readerFor(KubernetesResource.class).readValues(yaml)) {
            while (documents.hasNext()) {
                objects.add((HasMetadata) documents.next());
            }
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + " rendered what the Kubernetes model cannot read", e);
        }
        return objects;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String run(String... args) {
        List<String> command = List.of(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            String why = "neither kubectl nor kustomize is installed: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI=true, so the manifests must be checked");
            }
            Assumptions.abort(why);
            throw new IllegalStateException(why);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 s");
            }
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
