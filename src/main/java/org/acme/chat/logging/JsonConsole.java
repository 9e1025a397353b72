package org.acme.chat.logging;

import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Turns the console log into JSON lines ({@link JsonLines}), one object a line, as {@code quarkus-logging-json} would
 * (the same field names: {@code timestamp}, {@code level}, {@code loggerName}, {@code message}, {@code threadName},
 * {@code mdc}, {@code exception}...). That extension cannot be used here: its deployment artifact does not resolve
 * from the registry this project builds from. So the formatter is set on Quarkus's console handler at start-up
 * ({@code config.LogFormat}); the few lines Quarkus logs before that stay in the plain format.
 */
public final class JsonConsole {

    private JsonConsole() {
    }

    /** Sets a JSON formatter on every console handler under the root logger; returns how many there were. */
    public static int install() {
        return install(LogContext.getLogContext().getLogger("").getHandlers());
    }

    /** The same for {@code handlers} and the handlers nested in them (Quarkus's delayed and async handlers). */
    static int install(Handler[] handlers) {
        int installed = 0;
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                console.setFormatter(formatter());
                installed++;
            } else if (handler instanceof ExtHandler parent) {
                installed += install(parent.getHandlers());
            }
        }
        return installed;
    }

    /** One JSON object a line; an exception as a nested object with its stack frames (Quarkus's default). */
    static JsonLines formatter() {
        return new JsonLines();
    }
}
