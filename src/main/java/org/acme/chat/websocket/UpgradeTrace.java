package org.acme.chat.websocket;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.tracing.ChatTracing;

/**
 * Carries the upgrade request's trace to the connection's {@code @OnOpen}, so that {@code chat.join} is a child of the
 * upgrade's HTTP span ({@code GET /chat/:room}) like WebSockets Next's own {@code OPEN} span: the request's span is
 * current while the upgrade checks run, no longer when {@code @OnOpen} does. With tracing off it keeps nothing.
 */
@ApplicationScoped
public class UpgradeTrace implements HttpUpgradeCheck {

    private static final TypedKey<Context> UPGRADE = new TypedKey<>("chat.upgrade-trace");
    private static final Uni<CheckResult> PERMIT = CheckResult.permitUpgrade();

    private final boolean enabled;

    public UpgradeTrace(ChatTracing tracing) {
        this.enabled = tracing.enabled();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (enabled) {
            context.userData().put(UPGRADE, Context.current());
        }
        return PERMIT;
    }

    /** Makes the connection's upgrade trace current until the scope closes (a no-op scope when there is none). */
    static Scope resume(WebSocketConnection connection) {
        Context upgrade = connection.userData().remove(UPGRADE);
        return upgrade == null ? Scope.noop() : upgrade.makeCurrent();
    }
}
