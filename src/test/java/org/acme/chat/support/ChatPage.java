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

    private static final double KEY_DELAY_MS = 100;

    private final Page page;
    private final boolean ownsContext;
    private final List<String> webSocketUrls = new CopyOnWriteArrayList<>();
    private final List<String> sentFrames = new CopyOnWriteArrayList<>();

    ChatPage(Page page) {
        this(page, true);
    }

    private ChatPage(Page page, boolean ownsContext) {
        this.page = page;
        this.ownsContext = ownsContext;
        page.onWebSocket(ws -> {
            webSocketUrls.add(ws.url());
            ws.onFrameSent(frame -> sentFrames.add(frame.text()));
        });
    }

    /** Waits until the page has opened {@code count} WebSockets in all (Playwright delivers events while it waits). */
    public ChatPage awaitWebSockets(int count) {
        page.waitForCondition(() -> webSocketUrls.size() >= count);
        return this;
    }

    /** Another tab of the same browser (same localStorage, so the same client key): the same person. */
    public ChatPage newTab() {
        return new ChatPage(page.context().newPage(), false);
    }

    /** Every text frame the page has sent on any of its WebSockets, oldest first. */
    public List<String> sentFrames() {
        return sentFrames;
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
        Locator form = joinForm();
        form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name);
        form.getByLabel("Room", new Locator.GetByLabelOptions().setExact(true)).fill(room);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join").setExact(true)).click();
        return this;
    }

    /** Joins one more room through the side panel's "Join room" field (pressing Enter), and waits until it is listed. */
    public ChatPage joinRoom(String room) {
        Locator field = page.getByLabel("Join room", new Page.GetByLabelOptions().setExact(true));
        field.fill(room);
        field.press("Enter");
        assertThat(room(room)).isVisible();
        return this;
    }

    /** Shows {@code room}, as a click on its entry in the room list does, and waits until it is the one shown. */
    public ChatPage switchTo(String room) {
        roomButton(room).click();
        assertThat(roomButton(room)).hasAttribute("aria-current", "page");
        return this;
    }

    /** Leaves {@code room} with its "Leave" button in the room list. */
    public void leaveRoom(String room) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave " + room).setExact(true)).click();
    }

    /** The rooms listed on the side, in the order joined. */
    public Locator rooms() {
        return page.locator("#rooms li .room-name");
    }

    /** {@code room}'s entry in the room list. */
    public Locator room(String room) {
        return page.locator("#rooms li[data-room=\"" + room + "\"]");
    }

    private Locator roomButton(String room) {
        return room(room).locator("button.room");
    }

    /** {@code room}'s unread count badge (empty and hidden at zero). */
    public Locator unread(String room) {
        return room(room).locator(".unread");
    }

    /** The heading of the room shown. */
    public Locator roomTitle() {
        return page.locator("#room-title");
    }

    /** The "… is typing" line under the messages. */
    public Locator typingIndicator() {
        return page.locator("#typing");
    }

    /**
     * Types into the message box without sending, key by key at a person's pace (0.1 s a key), as someone in the
     * middle of a sentence.
     */
    public void type(String text) {
        page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).pressSequentially(text,
                new Locator.PressSequentiallyOptions().setDelay(KEY_DELAY_MS));
    }

    /** The shown message whose text is exactly {@code text}. */
    public Locator message(String text) {
        return messages().filter(new Locator.FilterOptions().setHas(page.locator(".text").getByText(text,
                new Locator.GetByTextOptions().setExact(true))));
    }

    /** Edits one's own message {@code text} to {@code newText} with the keyboard only: Edit, type, Enter. */
    public void edit(String text, String newText) {
        Locator edit = message(text).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit message"));
        edit.focus();
        edit.press("Enter");
        Locator field = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"));
        field.fill(newText);
        field.press("Enter");
    }

    /** Deletes one's own message {@code text} with its Delete button. */
    public void delete(String text) {
        message(text).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete message")).click();
    }

    /** The reaction button for {@code emoji} on the message {@code text}. */
    public Locator reaction(String text, String emoji) {
        return message(text).locator(".reaction[data-emoji=\"" + emoji + "\"]");
    }

    /** The "seen by …" notes under the messages of the room shown. */
    public Locator seenBy() {
        return page.locator("#messages .seen");
    }

    /** The "Load older messages" button above the messages. */
    public Locator loadOlder() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load older messages"));
    }

    /** The error line under the messages (a refused frame, a refused extra room). */
    public Locator chatError() {
        return page.locator("#chat-error");
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
        Locator field = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
        field.fill(text);
        field.press("Enter");
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

    /** The members of the room shown, each person once. */
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

    /** A screenshot of the whole page. */
    public void screenshot(Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    }

    /** Closes this tab only (its WebSocket with it), leaving the person's other tabs open. */
    public void closeTab() {
        page.close();
    }

    /** Closes this tab; the first tab of a person closes their whole browser context (every tab of it). */
    @Override
    public void close() {
        if (ownsContext) {
            page.context().close();
        } else {
            page.close();
        }
    }
}
