package org.acme.chat.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The bundled chat page, driven the way a person uses it: type, click, press Enter, read what is shown. */
public final class ChatPage implements AutoCloseable {

    private final Page page;
    private final List<String> webSocketUrls = new CopyOnWriteArrayList<>();

    ChatPage(Page page) {
        this.page = page;
        page.onWebSocket(ws -> webSocketUrls.add(ws.url()));
    }

    /** The URL of every WebSocket the page has opened, oldest first. */
    public List<String> webSocketUrls() {
        return webSocketUrls;
    }

    /** Opens the page at {@code base}, types name and room into the join form and clicks Join. */
    public ChatPage join(URI base, String room, String name) {
        return joinAt(base.toString(), room, name);
    }

    /** The same, with an access token handed to the page in its link ({@code #token=…}), as a sign-in page would. */
    public ChatPage joinWithToken(URI base, String token, String room, String name) {
        return joinAt(base + "#token=" + token, room, name);
    }

    private ChatPage joinAt(String url, String room, String name) {
        page.navigate(url);
        page.getByLabel("Name").fill(name);
        page.getByLabel("Room").fill(room);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        return this;
    }

    /** Waits until the page says it is connected. */
    public ChatPage awaitConnected() {
        assertThat(state()).hasAttribute("data-state", "open");
        return this;
    }

    /** Waits until the page says it is connected, for up to {@code timeout}. */
    public ChatPage awaitConnected(Duration timeout) {
        assertThat(state()).hasAttribute("data-state", "open",
                new LocatorAssertions.HasAttributeOptions().setTimeout(timeout.toMillis()));
        return this;
    }

    /** Types {@code text} into the message box and presses Enter. */
    public void say(String text) {
        page.getByLabel("Message").fill(text);
        page.getByLabel("Message").press("Enter");
    }

    /** The connection state indicator ({@code data-state} is idle, connecting, open, reconnecting or closed). */
    public Locator state() {
        return page.locator("#state");
    }

    /** Chat messages, oldest first (join/leave events excluded). */
    public Locator messages() {
        return page.locator("#messages li.message");
    }

    public Locator messageTexts() {
        return page.locator("#messages li.message .text");
    }

    /** The notices between messages: joins, leaves, "some messages may be missing". */
    public Locator events() {
        return page.locator("#messages li.event");
    }

    public Locator members() {
        return page.locator("#members li");
    }

    /** Images anywhere in the message list (there must never be one: texts are shown as text). */
    public Locator messageImages() {
        return page.locator("#messages img");
    }

    public Locator joinForm() {
        return page.locator("#join");
    }

    public Locator joinError() {
        return page.locator("#join-error");
    }

    /** Evaluates a JavaScript expression in the page. */
    public Object evaluate(String expression) {
        return page.evaluate(expression);
    }

    public void screenshot(Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    }

    /** Closes this person's browser context. */
    @Override
    public void close() {
        page.context().close();
    }
}
