package org.acme.chat.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Handler;
import org.jboss.logging.MDC;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.DelayedHandler;
import org.jboss.logmanager.handlers.WriterHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's log line in JSON: one object a line, whatever the text holds, with the connection's id in
 * {@code mdc.connection} for that line only; and the JSON formatter reaches Quarkus's console handler, nested or not.
 * Plain JUnit, through the JBoss LogManager that the tests run with.
 */
class JsonLinesTest {

    private static final ConnectionLog LOG = ConnectionLog.of(JsonLinesTest.class);

    private final StringWriter out = new StringWriter();
    private final WriterHandler handler = new WriterHandler();
    private final Logger category = LogContext.getLogContext().getLogger(JsonLinesTest.class.getName());

    @BeforeEach
    void captureAsJson() {
        handler.setFormatter(new JsonLines());
        handler.setWriter(out);
        category.addHandler(handler);
        category.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        category.removeHandler(handler);
        category.setUseParentHandlers(true);
    }

    @Test
    void aConnectionsLineIsOneJsonObjectWithItsIdInTheMdc() {
        LOG.infof("c-1", "closing connection %s: \"quoted\"\n\ttab \u0001 \\ done", "c-1");

        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out::toString);
        JsonObject line = new JsonObject(lines.get(0));
        assertEquals("INFO", line.getString("level"));
        assertEquals(JsonLinesTest.class.getName(), line.getString("loggerName"));
        assertEquals("closing connection c-1: \"quoted\"\n\ttab \u0001 \\ done", line.getString("message"));
        assertEquals("c-1", line.getJsonObject("mdc").getString(ConnectionLog.MDC_KEY));
        assertTrue(line.containsKey("timestamp") && line.containsKey("threadName"), line::encode);
        assertNull(MDC.get(ConnectionLog.MDC_KEY), "the id is set for that line only");
    }

    @Test
    void anExceptionIsNestedJson() {
        MDC.put(ConnectionLog.MDC_KEY, "outer");
        try {
            LOG.errorf("c-2", new IllegalStateException("broken", new IllegalArgumentException("cause \"x\"")),
                    "closing connection %s after an unexpected error", "c-2");
            assertEquals("outer", MDC.get(ConnectionLog.MDC_KEY), "what was there before is put back");
        } finally {
            MDC.remove(ConnectionLog.MDC_KEY);
        }

        JsonObject line = new JsonObject(out.toString().strip());
        assertEquals("ERROR", line.getString("level"));
        assertEquals("c-2", line.getJsonObject("mdc").getString(ConnectionLog.MDC_KEY));
        JsonObject exception = line.getJsonObject("exception");
        assertEquals(IllegalStateException.class.getName(), exception.getString("exceptionType"));
        assertEquals("cause \"x\"", exception.getJsonObject("causedBy").getJsonObject("exception").getString("message"));
        assertTrue(exception.getJsonArray("frames").size() > 0);
    }

    @Test
    void theFormatterIsSetOnConsoleHandlersNestedInOthers() {
        ConsoleHandler console = new ConsoleHandler();
        DelayedHandler delayed = new DelayedHandler();
        delayed.addHandler(console);
        WriterHandler other = new WriterHandler();

        assertEquals(1, JsonConsole.install(new Handler[] { delayed, other }));
        assertInstanceOf(JsonLines.class, console.getFormatter());
        assertNull(other.getFormatter(), "only the console");
    }
}
