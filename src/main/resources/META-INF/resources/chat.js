// Browser client for protocol v2 (docs/protocol.md, "Chat protocol v2"): one WebSocket, many rooms.
// Every string from the server or the user is rendered with textContent only, never as markup.

const PING_INTERVAL_MS = 20_000;
const SILENCE_LIMIT_MS = 45_000;
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** A typing signal goes out at most this often while the user types (the server relays one per 2 s anyway). */
const TYPING_EVERY_MS = 2_000;
/** Someone's "is typing" shows this long after their last signal. */
const TYPING_SHOWN_MS = 5_000;
const HISTORY_PAGE = 50;
// Rejoining after a reconnect: this many joins at once, then one per spacing (the server's frame budget is a burst of
// 20, then 10 a second: chat.rate.*).
const REJOIN_BURST = 15;
const REJOIN_SPACING_MS = 150;
// Refusals of a join that say "not now" rather than "no": the page asks again instead of dropping the room.
const TRANSIENT = new Set(['rate_limited', 'broker_unavailable', 'too_many_rooms', 'shutting_down']);
/** The emoji every message offers as reaction buttons; others' reactions with other emoji show too. */
const PALETTE = ['👍', '❤️', '😂', '🎉', '👀'];
/** Close codes after which reconnecting cannot help (protocol.md, "Close codes"). */
const TERMINAL_CLOSE_CODES = new Set([1002, 1003, 1008, 1009, 4403, 4409]);

const $ = (id) => document.getElementById(id);
const ui = {
  state: $('state'), me: $('me'), signOut: $('sign-out'),
  joinForm: $('join'), name: $('name'), room: $('room'), joinError: $('join-error'),
  chat: $('chat'), rooms: $('rooms'), addRoom: $('add-room'), addRoomName: $('add-room-name'),
  roomTitle: $('room-title'), roomNotice: $('room-notice'), messageArea: $('message-area'),
  loadOlder: $('load-older'), newMessages: $('new-messages'), typing: $('typing'),
  compose: $('compose'), text: $('text'), chatError: $('chat-error'),
  members: $('members'), memberCount: $('member-count'),
};

/** The signed-in person: one connection, the rooms they are in, and which one is shown. */
const app = { connection: null, me: null, rooms: new Map(), active: null, refs: 0 };

/**
 * The access token when the server requires one (chat.auth.enabled): given once as #token=… in the page URL (a
 * fragment never reaches server logs), then kept for this tab only.
 */
function authToken() {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem('chat.token', fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem('chat.token');
}

/**
 * This browser's client key: every tab with the same name and key is the same person to the server (one entry in
 * presence, read markers shared). Random, kept in localStorage, so it is shared by the browser's tabs.
 */
function clientKey() {
  let key = localStorage.getItem('chat.client');
  if (!key || !/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    key = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem('chat.client', key);
  }
  return key;
}

/** Browsers cannot set headers on a WebSocket: the token travels as a subprotocol the server turns into a header. */
function openSocket(url) {
  const token = authToken();
  if (!token) return new WebSocket(url);
  return new WebSocket(url, ['chat.v1', `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${token}`)}`]);
}

/** Orders message ids ("<ms>-<seq>", protocol.md): by ms, then by seq, as numbers. */
function compareIds(a, b) {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

const newer = (a, b) => (!b || (a && compareIds(a, b) > 0) ? a : b);

/** The one WebSocket of this tab: pings, notices a dead link, reconnects with backoff until the user signs out. */
class Connection {
  constructor(name) {
    this.name = name;
    this.attempt = 0;
    this.everOpen = false;
    this.stopped = false;
    this.connect();
  }

  connect() {
    setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.hello = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/ws?name=${encodeURIComponent(this.name)}&client=${clientKey()}`;
    const ws = openSocket(url);
    this.ws = ws;
    this.lastHeard = Date.now();
    this.lastPing = Date.now();
    ws.onmessage = (event) => {
      this.lastHeard = Date.now();
      if (ws === this.ws && !this.stopped) handle(JSON.parse(event.data)); // nothing after a sign-out
    };
    ws.onclose = (event) => this.closed(ws, event);
    this.timer = setInterval(() => this.keepAlive(ws), 1_000);
  }

  keepAlive(ws) {
    if (ws.readyState !== WebSocket.OPEN) return;
    const now = Date.now();
    if (now - this.lastHeard > SILENCE_LIMIT_MS) {
      ws.close(4000, 'no traffic'); // dead link: onclose schedules the reconnect
    } else if (now - this.lastPing >= PING_INTERVAL_MS) {
      this.lastPing = now;
      ws.send(JSON.stringify({ type: 'ping' }));
    }
  }

  /** Sends a frame if connected; says whether it went out. */
  send(frame) {
    if (!this.hello || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  opened() {
    this.hello = true;
    this.everOpen = true;
    this.attempt = 0;
  }

  async closed(ws, event) {
    clearInterval(this.timer);
    if (this.stopped || ws !== this.ws) return;
    this.hello = false;
    if (!this.everOpen || event.code === 1006) {
      // Refused before the upgrade? A browser cannot see the status: ask the server why. Only what concerns the
      // connection itself counts (a bad name or token); a room's answer (taken, full) comes later, per room.
      const refusal = await joinRefusal(this.name);
      if (this.stopped) return;
      if (refusal && (refusal.status === 400 || refusal.status === 401)) {
        this.stop();
        signOut(refusal.reason);
        return;
      }
    }
    if (TERMINAL_CLOSE_CODES.has(event.code)) {
      this.stop();
      setState('closed', `disconnected (${event.code}${event.reason ? ': ' + event.reason : ''})`);
      showError(ui.chatError, event.reason || `disconnected (${event.code})`);
      return;
    }
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** this.attempt);
    this.attempt += 1;
    const jittered = delay / 2 + Math.random() * (delay / 2);
    setState('reconnecting', `reconnecting in ${(jittered / 1000).toFixed(1)} s…`);
    this.retry = setTimeout(() => this.connect(), jittered);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000, 'signed out');
  }
}

/** The pre-flight for a refused upgrade: the same decision as a status and reason a page can read. */
async function joinRefusal(name) {
  const room = app.rooms.size ? app.rooms.keys().next().value : 'lobby';
  try {
    const token = authToken();
    const response = await fetch(`/api/join-check?room=${encodeURIComponent(room)}&name=${encodeURIComponent(name)}`,
      token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    return response.status === 204 ? null : { status: response.status, reason: (await response.text()).trim() };
  } catch {
    return null; // server unreachable: keep reconnecting
  }
}

function send(frame) {
  return app.connection !== null && app.connection.send(frame);
}

/** One room this person is in (or asked to join): its messages, members, markers and the side list entry. */
class Room {
  constructor(name) {
    this.name = name;
    this.joined = false;
    this.everJoined = false;
    this.members = new Map();
    this.messages = new Map(); // id → { message, item }
    this.newest = null;
    this.oldest = null;
    this.more = null; // unknown until a history page says
    this.loading = false;
    this.read = null; // this person's read marker, from any of their tabs
    this.readers = new Map(); // others' read markers: person id → { name, id }
    this.typing = new Map(); // person id → { name, timer }
    this.list = document.createElement('ol');
    this.list.className = 'messages';
    this.list.setAttribute('aria-live', 'polite');
    this.list.setAttribute('aria-label', `Messages in ${name}`);
    this.list.addEventListener('scroll', () => scrolled(this));
    this.entry = roomEntry(this);
  }

  joinFrame() {
    app.refs += 1;
    this.joinRef = `join-${app.refs}`;
    const frame = { type: 'join', room: this.name, ref: this.joinRef };
    if (this.newest) frame.since = this.newest; // resume: what was missed since the newest message shown
    return frame;
  }

  unread() {
    let count = 0;
    for (const { message } of this.messages.values()) {
      if (message.deleted || isMine(message)) continue;
      if (!this.read || compareIds(message.id, this.read) > 0) count += 1;
    }
    return count;
  }
}

const isMine = (message) => app.me !== null && message.from && message.from.id === app.me.id;
const activeRoom = () => (app.active ? app.rooms.get(app.active) : null);

function handle(frame) {
  const room = frame.room ? app.rooms.get(frame.room) : null;
  switch (frame.type) {
    case 'hello': return hello(frame);
    case 'joined': if (room) joined(room, frame); return;
    case 'left': if (room) left(room, frame); return;
    case 'message':
      if (!room) return;
      stopTyping(room, frame.from.id);
      upsert(room, frame);
      roomChanged(room);
      return;
    case 'edited': if (room) edited(room, frame); return;
    case 'deleted': if (room) deleted(room, frame); return;
    case 'reaction': if (room) reacted(room, frame); return;
    case 'typing': if (room && frame.member.id !== app.me.id) typing(room, frame.member); return;
    case 'read': if (room) readMarker(room, frame); return;
    case 'history': if (room) historyPage(room, frame); return;
    case 'join': if (room) presence(room, frame, true); return;
    case 'leave': if (room) presence(room, frame, false); return;
    case 'error': return error(frame);
    default: return; // pong, ack: nothing to show
  }
}

function hello(frame) {
  app.connection.opened();
  app.me = frame.you;
  ui.me.textContent = `Signed in as ${frame.you.name}`;
  setState('open');
  showError(ui.chatError, null);
  // After a reconnect, back into every room, each resumed from its newest message: paced, so that many rooms stay
  // within the connection's frame budget (a burst of 20, then 10 a second).
  [...app.rooms.values()].forEach((room, i) => {
    room.joined = false;
    const delay = i < REJOIN_BURST ? 0 : (i - REJOIN_BURST + 1) * REJOIN_SPACING_MS;
    if (delay === 0) send(room.joinFrame()); else setTimeout(() => rejoin(room), delay);
  });
}

/** Asks again for a room this tab is still in but not yet back in (after a reconnect, or a transient refusal). */
function rejoin(room) {
  if (app.rooms.get(room.name) === room && !room.joined) send(room.joinFrame());
}

function joined(room, frame) {
  const resumed = room.everJoined;
  room.joined = true;
  room.everJoined = true;
  room.members = new Map(frame.members.map((m) => [m.id, m]));
  for (const entry of room.typing.values()) clearTimeout(entry.timer);
  room.typing.clear();
  room.read = newer(frame.read || null, room.read);
  frame.history.forEach((m) => upsert(room, m));
  if (resumed && frame.recovered === false) {
    addEvent(room, `Some messages may be missing: ${frame.reason || 'the history does not reach back that far'}`, Date.now());
  }
  ui.joinForm.hidden = true;
  ui.chat.hidden = false;
  ui.signOut.hidden = false;
  if (!app.active || room.show) activate(room); // a room the user just asked for is shown once it is joined
  room.show = false;
  roomChanged(room);
}

function left(room, frame) {
  if (frame.code) {
    showError(ui.chatError, `You were removed from ${room.name}${frame.reason ? ': ' + frame.reason : ''}`);
  }
  forget(room);
}

/** A refused frame. A refused join removes the room again; the first room refused sends the user back to sign-in. */
function error(frame) {
  // Matched by ref: a malformed room name may not come back as the error's room.
  const room = frame.ref ? [...app.rooms.values()].find((r) => r.joinRef === frame.ref && !r.joined) : null;
  if (!room) {
    showError(ui.chatError, frame.room ? `${frame.room}: ${frame.message}` : frame.message);
    return;
  }
  if (TRANSIENT.has(frame.code) && (room.everJoined || app.wasInARoom)) {
    // Dropped for the frame budget, or the server is busy: not a refusal of the room. Ask again shortly.
    setTimeout(() => rejoin(room), 1_000 + Math.random() * 1_000);
    return;
  }
  forget(room);
  if (!app.wasInARoom && ![...app.rooms.values()].some((r) => r.joined)) {
    signOut(frame.message); // the room asked for at sign-in was refused: say why on the sign-in form
  } else {
    showError(ui.chatError, `${room.name}: ${frame.message}`);
  }
}

/** Removes a room from this tab (after a leave, a kick or a refused join). */
function forget(room) {
  app.rooms.delete(room.name);
  room.entry.remove();
  for (const entry of room.typing.values()) clearTimeout(entry.timer);
  if (app.active === room.name) {
    app.active = null;
    const next = app.rooms.values().next().value;
    if (next && next.joined) activate(next); else showNoRoom();
  }
}

function upsert(room, message) {
  const known = room.messages.get(message.id);
  if (known) {
    known.message = message;
    renderMessage(room, known);
    return;
  }
  const entry = { message, item: document.createElement('li') };
  entry.item.dataset.id = message.id;
  room.messages.set(message.id, entry);
  renderMessage(room, entry);
  if (!room.newest || compareIds(message.id, room.newest) > 0) {
    room.newest = message.id;
    appendTo(room, entry.item);
  } else {
    const later = [...room.list.querySelectorAll('li.message')].find((li) => compareIds(li.dataset.id, message.id) > 0);
    room.list.insertBefore(entry.item, later || null);
  }
  if (!room.oldest || compareIds(message.id, room.oldest) < 0) room.oldest = message.id;
}

function edited(room, frame) {
  const entry = room.messages.get(frame.id);
  if (!entry) return;
  entry.message = { ...entry.message, text: frame.text, editedAt: frame.editedAt };
  renderMessage(room, entry);
}

function deleted(room, frame) {
  const entry = room.messages.get(frame.id);
  if (!entry) return;
  entry.message = { ...entry.message, text: undefined, deleted: true, reactions: undefined };
  renderMessage(room, entry);
  roomChanged(room);
}

function reacted(room, frame) {
  const entry = room.messages.get(frame.id);
  if (!entry) return;
  const reactions = { ...(entry.message.reactions || {}) };
  const ids = (reactions[frame.emoji] || []).filter((id) => id !== frame.member.id);
  if (frame.on) ids.push(frame.member.id);
  if (ids.length) reactions[frame.emoji] = ids; else delete reactions[frame.emoji];
  entry.message = { ...entry.message, reactions };
  renderMessage(room, entry);
}

function typing(room, member) {
  const known = room.typing.get(member.id);
  if (known) clearTimeout(known.timer);
  room.typing.set(member.id, { name: member.name, timer: setTimeout(() => stopTyping(room, member.id), TYPING_SHOWN_MS) });
  renderTyping();
}

function stopTyping(room, memberId) {
  const known = room.typing.get(memberId);
  if (!known) return;
  clearTimeout(known.timer);
  room.typing.delete(memberId);
  renderTyping();
}

/** A read marker: this person's own (from another tab) moves the unread count, anyone else's the "seen by". */
function readMarker(room, frame) {
  if (frame.member.id === app.me.id) {
    room.read = newer(frame.id, room.read);
    roomChanged(room);
    return;
  }
  const known = room.readers.get(frame.member.id);
  room.readers.set(frame.member.id, { name: frame.member.name, id: newer(frame.id, known && known.id) });
  renderSeen(room);
}

function historyPage(room, frame) {
  room.loading = false;
  const list = room.list;
  const before = list.scrollHeight - list.scrollTop;
  frame.messages.forEach((m) => upsert(room, m));
  room.more = frame.more && frame.messages.length > 0;
  list.scrollTop = list.scrollHeight - before; // keep what the reader was looking at in place
  renderSeen(room);
  roomChanged(room);
}

function presence(room, frame, joinedRoom) {
  if (joinedRoom) {
    room.members.set(frame.member.id, { sessions: 1, ...frame.member });
  } else {
    room.members.delete(frame.member.id);
    stopTyping(room, frame.member.id);
  }
  addEvent(room, `${frame.member.name} ${joinedRoom ? 'joined' : 'left'}`, frame.ts);
  if (room.name === app.active) renderMembers(room);
}

/** Sends a read marker for the newest message of the shown room when the reader can see it. */
function markRead(room) {
  if (!room || room.name !== app.active || !room.joined || !room.newest) return;
  if (document.visibilityState === 'hidden' || !nearBottom(room.list)) return;
  if (room.read && compareIds(room.newest, room.read) <= 0) return;
  if (send({ type: 'read', room: room.name, id: room.newest })) {
    room.read = room.newest;
    renderUnread(room);
  }
}

/** After anything that changes what a room shows: its unread count, and the read marker if it is in view. */
function roomChanged(room) {
  markRead(room);
  renderUnread(room);
  if (room.name === app.active) {
    renderMembers(room);
    renderLoadOlder(room);
  }
}

function loadOlder(room) {
  if (!room || room.loading || room.more === false) return;
  app.refs += 1;
  const frame = { type: 'history', room: room.name, limit: HISTORY_PAGE, ref: `history-${app.refs}` };
  if (room.oldest) frame.before = room.oldest;
  if (send(frame)) {
    room.loading = true;
    ui.loadOlder.setAttribute('aria-busy', 'true');
  }
}

function scrolled(room) {
  if (nearBottom(room.list)) {
    ui.newMessages.hidden = true;
    markRead(room);
  }
  if (room.list.scrollTop === 0 && room.more !== false && room.messages.size > 0) loadOlder(room);
}

// ---- rendering ----

function setState(state, label) {
  ui.state.dataset.state = state;
  ui.state.textContent = label || { connecting: 'connecting…', reconnecting: 'reconnecting…', open: 'connected', closed: 'disconnected', idle: 'not connected' }[state];
}

function showError(element, text) {
  element.hidden = !text;
  element.textContent = text || '';
}

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function button(text, label, onClick, className = 'small') {
  const element = el('button', className, text);
  element.type = 'button';
  if (label) element.setAttribute('aria-label', label);
  element.addEventListener('click', onClick);
  return element;
}

function nearBottom(list) {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
}

function appendTo(room, item) {
  const list = room.list;
  const follow = nearBottom(list);
  list.append(item);
  if (room.name !== app.active) return;
  if (follow) {
    list.scrollTop = list.scrollHeight;
  } else {
    ui.newMessages.hidden = false; // do not yank a reader who scrolled up
  }
}

function timeOf(ts) {
  const time = document.createElement('time');
  time.dateTime = new Date(ts).toISOString();
  time.textContent = new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return time;
}

/** (Re)draws one message from its current state: text or "message deleted", "(edited)", reactions, own actions. */
function renderMessage(room, entry) {
  const { message, item } = entry;
  if (item.querySelector('.edit-form')) return; // the author is editing it: redrawn when they are done
  const mine = isMine(message);
  item.className = `message${mine ? ' mine' : ''}${message.deleted ? ' deleted' : ''}`;
  const from = el('span', 'from', message.from.name);
  const text = message.deleted ? el('span', 'text tombstone', 'message deleted') : el('span', 'text', message.text);
  const parts = [from, text];
  if (message.editedAt && !message.deleted) parts.push(el('span', 'edited', '(edited)'));
  parts.push(timeOf(message.ts));
  if (!message.deleted) {
    const tools = el('span', 'tools');
    tools.append(reactions(room, message));
    if (mine) {
      const actions = el('span', 'actions');
      actions.append(
        button('Edit', 'Edit message', () => startEdit(room, entry), 'small link'),
        button('Delete', 'Delete message', () => send({ type: 'delete', room: room.name, id: message.id }), 'small link'));
      tools.append(actions);
    }
    parts.push(tools);
  }
  const seen = item.querySelector('.seen');
  item.replaceChildren(...parts);
  if (seen) item.append(seen);
}

function reactions(room, message) {
  const group = el('span', 'reactions');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Reactions');
  const given = message.reactions || {};
  const emoji = [...PALETTE, ...Object.keys(given).filter((e) => !PALETTE.includes(e))];
  for (const e of emoji) {
    const ids = given[e] || [];
    const mine = app.me !== null && ids.includes(app.me.id);
    const toggle = button(e, null, () => send({ type: 'react', room: room.name, id: message.id, emoji: e, on: !mine }),
      `reaction${ids.length ? ' given' : ''}`);
    toggle.dataset.emoji = e;
    toggle.setAttribute('aria-pressed', String(mine));
    if (ids.length) toggle.append(el('span', 'count', String(ids.length)));
    toggle.title = ids.length ? `${ids.length} × ${e}` : `React with ${e}`;
    group.append(toggle);
  }
  return group;
}

function startEdit(room, entry) {
  const { item, message } = entry;
  const form = el('form', 'edit-form');
  const input = el('input');
  input.value = message.text;
  input.maxLength = 4000;
  input.setAttribute('aria-label', 'Edit message');
  const done = () => {
    form.remove();
    renderMessage(room, entry);
    const edit = item.querySelector('.actions button');
    if (edit) edit.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (text.trim() && text !== message.text) send({ type: 'edit', room: room.name, id: message.id, text });
    done();
  });
  input.addEventListener('keydown', (event) => { if (event.key === 'Escape') done(); });
  const save = el('button', 'small', 'Save');
  save.type = 'submit';
  form.append(input, save, button('Cancel', null, done, 'small secondary'));
  item.querySelector('.text').replaceWith(form);
  item.querySelectorAll('.tools, .edited').forEach((e) => e.remove());
  input.focus();
}

/** "seen by alice, bob" under the newest message each other person has read up to. */
function renderSeen(room) {
  room.list.querySelectorAll('.seen').forEach((e) => e.remove());
  const byMessage = new Map();
  const items = [...room.list.querySelectorAll('li.message')];
  for (const reader of room.readers.values()) {
    const target = items.filter((li) => compareIds(li.dataset.id, reader.id) <= 0).pop();
    if (!target) continue;
    if (!byMessage.has(target)) byMessage.set(target, []);
    byMessage.get(target).push(reader.name);
  }
  for (const [item, names] of byMessage) item.append(el('span', 'seen', `seen by ${names.sort().join(', ')}`));
}

function addEvent(room, text, ts) {
  const item = el('li', 'event', text);
  item.append(timeOf(ts));
  appendTo(room, item);
}

function renderTyping() {
  const room = activeRoom();
  const names = room ? [...room.typing.values()].map((t) => t.name).sort() : [];
  ui.typing.textContent = names.length === 0 ? ''
    : names.length === 1 ? `${names[0]} is typing…`
      : names.length <= 3 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`
        : 'several people are typing…';
}

function renderMembers(room) {
  const sorted = [...room.members.values()].sort((a, b) => a.name.localeCompare(b.name));
  ui.members.replaceChildren(...sorted.map((m) => {
    const item = el('li', app.me && m.id === app.me.id ? 'me' : '', m.name);
    item.dataset.sessions = String(m.sessions || 1);
    return item;
  }));
  ui.memberCount.textContent = `(${sorted.length})`;
}

function renderLoadOlder(room) {
  ui.loadOlder.hidden = room.more === false || room.messages.size === 0;
  ui.loadOlder.removeAttribute('aria-busy');
}

function roomEntry(room) {
  const item = el('li');
  item.dataset.room = room.name;
  const open = button(null, null, () => activate(room), 'room');
  open.append(el('span', 'room-name', room.name), el('span', 'unread'));
  const leave = button('×', `Leave ${room.name}`, () => leaveRoom(room), 'small secondary leave-room');
  item.append(open, leave);
  ui.rooms.append(item);
  return item;
}

function renderUnread(room) {
  const count = room.unread();
  const badge = room.entry.querySelector('.unread');
  badge.textContent = count ? String(count) : '';
  badge.hidden = count === 0;
  room.entry.querySelector('.room').setAttribute('aria-label', count ? `${room.name}, ${count} unread` : room.name);
}

function activate(room) {
  const previous = activeRoom();
  if (previous) previous.list.removeAttribute('id');
  app.active = room.name;
  app.wasInARoom = true;
  room.list.id = 'messages';
  ui.messageArea.replaceChildren(ui.loadOlder, room.list);
  ui.roomTitle.textContent = `# ${room.name}`;
  for (const entry of ui.rooms.querySelectorAll('.room')) entry.removeAttribute('aria-current');
  room.entry.querySelector('.room').setAttribute('aria-current', 'page');
  ui.newMessages.hidden = true;
  ui.compose.hidden = false;
  room.list.scrollTop = room.list.scrollHeight;
  renderTyping();
  roomChanged(room);
}

function showNoRoom() {
  ui.roomTitle.textContent = 'Join a room to start';
  ui.messageArea.replaceChildren();
  ui.members.replaceChildren();
  ui.memberCount.textContent = '';
  ui.typing.textContent = '';
  ui.compose.hidden = true;
}

// ---- user actions ----

function joinRoom(name) {
  const known = app.rooms.get(name);
  if (known) {
    if (known.joined) activate(known);
    return;
  }
  const room = new Room(name);
  room.show = true;
  app.rooms.set(name, room);
  renderUnread(room);
  send(room.joinFrame()); // not connected yet: the hello sends it
}

function leaveRoom(room) {
  send({ type: 'leave', room: room.name });
  forget(room);
}

function signOut(error) {
  if (app.connection) app.connection.stop();
  app.connection = null;
  app.me = null;
  app.active = null;
  app.wasInARoom = false;
  for (const room of app.rooms.values()) {
    for (const entry of room.typing.values()) clearTimeout(entry.timer);
  }
  app.rooms.clear();
  ui.rooms.replaceChildren();
  showNoRoom();
  ui.chat.hidden = true;
  ui.signOut.hidden = true;
  ui.me.textContent = '';
  ui.joinForm.hidden = false;
  showError(ui.joinError, error);
  showError(ui.chatError, null);
  setState(error ? 'closed' : 'idle');
}

ui.joinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = ui.name.value.trim();
  const room = ui.room.value.trim();
  showError(ui.joinError, null);
  showNoRoom();
  ui.joinForm.hidden = true;
  ui.chat.hidden = false;
  ui.signOut.hidden = false;
  joinRoom(room);
  app.connection = new Connection(name);
  ui.text.focus();
});

ui.addRoom.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = ui.addRoomName.value.trim();
  if (!name) return;
  showError(ui.chatError, null);
  joinRoom(name);
  ui.addRoomName.value = '';
});

ui.compose.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.text.value;
  const room = activeRoom();
  if (!text.trim() || !room) return;
  if (send({ type: 'message', room: room.name, text })) {
    ui.text.value = '';
    app.lastTyping = 0;
  } else {
    showError(ui.chatError, 'Not connected: your message was not sent.');
  }
});

ui.text.addEventListener('input', () => {
  const room = activeRoom();
  const now = Date.now();
  if (!room || !ui.text.value.trim() || now - (app.lastTyping || 0) < TYPING_EVERY_MS) return;
  if (send({ type: 'typing', room: room.name })) app.lastTyping = now;
});

ui.loadOlder.addEventListener('click', () => loadOlder(activeRoom()));
ui.signOut.addEventListener('click', () => signOut(null));
ui.newMessages.addEventListener('click', () => {
  const room = activeRoom();
  if (room) room.list.scrollTop = room.list.scrollHeight;
  ui.newMessages.hidden = true;
});
document.addEventListener('visibilitychange', () => markRead(activeRoom()));

const params = new URLSearchParams(location.search);
if (params.get('room')) ui.room.value = params.get('room');
if (params.get('name')) ui.name.value = params.get('name');
