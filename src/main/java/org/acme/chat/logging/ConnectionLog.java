package org.acme.chat.logging;

import org.jboss.logging.Logger;
import org.jboss.logging.Logger.Level;
import org.jboss.logging.MDC;

/**
 * Log lines about one connection: each carries the connection's id in the MDC under {@value #MDC_KEY} (in JSON logs,
 * {@code "mdc":{"connection":"…"}}), so that every line about a connection can be found by its id, next to the
 * {@code connection <id>} its text names for readers of the plain format. The id is set only around the line itself:
 * callbacks of many connections share one event loop. Nothing is done for a level that is off.
 * <p>
 * What such a line may say is in docs/observability.md (Logs): never a message's text, a token, a user's or room's name
 * or a client's address.
 */
public final class ConnectionLog {

    /** The MDC key (and JSON {@code mdc} field) that holds the connection id. */
    public static final String MDC_KEY = "connection";

    private final Logger log;

    private ConnectionLog(Logger log) {
        this.log = log;
    }

    /** The connection log of {@code owner}'s category. */
    public static ConnectionLog of(Class<?> owner) {
        return new ConnectionLog(Logger.getLogger(owner));
    }

    public void debugf(String connection, String format, Object param) {
        if (log.isDebugEnabled()) {
            log(Level.DEBUG, connection, null, format, param);
        }
    }

    public void debugf(String connection, String format, Object param1, Object param2) {
        if (log.isDebugEnabled()) {
            log(Level.DEBUG, connection, null, format, param1, param2);
        }
    }

    public void debugf(String connection, String format, Object param1, Object param2, Object param3) {
        if (log.isDebugEnabled()) {
            log(Level.DEBUG, connection, null, format, param1, param2, param3);
        }
    }

    public void infof(String connection, String format, Object... params) {
        log(Level.INFO, connection, null, format, params);
    }

    public void errorf(String connection, Throwable failure, String format, Object... params) {
        log(Level.ERROR, connection, failure, format, params);
    }

    private void log(Level level, String connection, Throwable failure, String format, Object... params) {
        if (!log.isEnabled(level)) {
            return;
        }
        if (connection == null) {
            log.logf(level, failure, format, params);
            return;
        }
        Object previous = MDC.put(MDC_KEY, connection);
        try {
            log.logf(level, failure, format, params);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
