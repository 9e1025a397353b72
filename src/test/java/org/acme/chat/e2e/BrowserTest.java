package org.acme.chat.e2e;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import org.acme.chat.support.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of the browser tests that share one headless Chromium across a class: it is launched before the class's
 * first test and closed after its last, and each test opens its people on {@link #base} ({@code newPerson()}, a
 * browser context of their own each). The concrete class carries {@code @QuarkusTest} and any {@code @TestProfile}.
 * Tests that cut a page's network or restart the server launch a Chromium of their own instead, closed with the rest
 * of what they set up.
 */
abstract class BrowserTest {

    static Chromium chromium;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void quit() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
