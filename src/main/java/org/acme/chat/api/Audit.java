package org.acme.chat.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * One INFO line on {@code org.acme.chat.audit} for every change made through the server API: who (the key id or the
 * token's subject), what, the room and the target (a message id or a member name); never a message's text or a
 * reason.
 */
@ApplicationScoped
public class Audit {

    private static final Logger LOG = Logger.getLogger("org.acme.chat.audit");

    void record(String caller, String action, String room, String target) {
        LOG.infof("caller=%s action=%s room=%s target=%s", caller, action, room, target);
    }
}
