package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's headless Chromium under Playwright. Playwright never downloads a browser here: it drives
 * {@code /usr/bin/chromium} (or {@code -Dchat.e2e.chromium=PATH}). Without one, the browser tests are skipped on a
 * developer machine but fail when {@code CI=true}, so CI cannot pass them silently.
 */
public final class Chromium implements AutoCloseable {

    /** The flags this machine needs: no sandbox as root, and no background traffic to Google's hosts. */
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
    private static final double ASSERTION_TIMEOUT_MS = 15_000;

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Path executable = Path.of(System.getProperty("chat.e2e.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            String why = "no Chromium at " + executable + " (apt-get install -y chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI=true, so the browser tests must run");
            }
            Assumptions.abort(why);
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT_MS);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // A non-persistent launch gets a fresh, empty profile (user-data dir) every time.
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable).setHeadless(true).setArgs(FLAGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new page in its own browser context: its own cookies and storage, like a separate person. */
    public ChatPage newPerson() {
        return new ChatPage(browser.newContext().newPage());
    }

    /** The same, in a window of {@code width} × {@code height} CSS pixels (for screenshots of a set size). */
    public ChatPage newPerson(int width, int height) {
        return new ChatPage(browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height))
                .newPage());
    }

    /** The same, with a phone-sized viewport. */
    public ChatPage newPhone() {
        return new ChatPage(browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)).newPage());
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
