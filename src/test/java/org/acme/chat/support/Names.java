package org.acme.chat.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Room names no other test uses, since all tests share one running application. */
public final class Names {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Names() {
    }

    public static String uniqueRoom(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    public static String chatPath(String room, String name) {
        return "/chat/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
