package org.acme.chat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes: packages depend on each other without cycles, framework
 * internals are used in the transport adapter only, the chat logic below the endpoints knows no WebSocket framework
 * at all (it meets connections through {@code transport.Transport}), and spans are made through the OpenTelemetry API.
 */
class ArchitectureTest {

    private static final String ROOT = "org.acme.chat";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void frameworkInternalsAreUsedInTheTransportAdapterOnly() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".transport.vertx")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.vertx..impl..", "io.quarkus.websockets.next.runtime..", "io.netty.channel..",
                        "io.netty.handler.codec.http.websocketx..")
                .because("an upgrade may change them: TransportInternals checks each one at start-up")
                .check(MAIN);
    }

    @Test
    void theChatLogicKnowsNoWebSocketFramework() {
        noClasses().that().resideInAnyPackage(ROOT + ".session..", ROOT + ".room..", ROOT + ".broker..",
                ROOT + ".heartbeat..", ROOT + ".limits..", ROOT + ".lifecycle..", ROOT + ".history..",
                ROOT + ".protocol..", ROOT + ".transport", ROOT + ".tracing..",
                ROOT + ".logging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.websockets..", "io.vertx.core.http..",
                        "io.netty..")
                .because("sessions, rooms, admission, the heartbeat and shutdown meet connections as Transports")
                .check(MAIN);
    }

    @Test
    void onlyTheTracingPackageKnowsTheOpenTelemetrySdk() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".tracing..", ROOT + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.sdk..")
                .because("Quarkus configures the SDK; the chat makes spans through the API and tracing.ChatTracing")
                .check(MAIN);
    }
}
