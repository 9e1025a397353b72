package org.acme.chat.api;

import jakarta.enterprise.context.RequestScoped;

/** Who made the current server API request ({@code key:<id>} or {@code jwt:<subject>}), set by {@link ApiGuard}. */
@RequestScoped
public class ApiCaller {

    private String who;

    String who() {
        return who;
    }

    void set(String who) {
        this.who = who;
    }
}
