// Browser client for protocol v1 (docs/protocol.md). Every user-supplied string is rendered with textContent only.

const PING_INTERVAL_MS = 20_000;
const SILENCE_LIMIT_MS = 45_000;
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** Close codes after which reconnecting cannot help (protocol.md, "Close codes"). */
const TERMINAL_CLOSE_CODES = new Set([1002, 1003, 1008, 1009, 4403, 4409]);

const $ = (id) => document.getElementById(id);
const ui = {
  state: $('state'), joinForm: $('join'), name: $('name'), room: $('room'), joinError: $('join-error'),
  chat: $('chat'), roomTitle: $('room-title'), messages: $('messages'), newMessages: $('new-messages'),
  compose: $('compose'), text: $('text'), leave: $('leave'), chatError: $('chat-error'),
  members: $('members'), memberCount: $('member-count'),
};

let session = null;

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

/** Browsers cannot set headers on a WebSocket: the token travels as a subprotocol the server turns into a header. */
function openSocket(url) {
  const token = authToken();
  if (!token) return new WebSocket(url);
  return new WebSocket(url, ['chat.v1', `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${token}`)}`]);
}

/** One joined room: a WebSocket that reconnects with backoff until the user leaves. */
class Session {
  constructor(room, name) {
    this.room = room;
    this.name = name;
    this.me = null;
    this.members = new Map();
    this.seen = new Set();
    this.attempt = 0;
    this.welcomed = false;
    this.stopped = false;
    this.connect();
  }

  connect() {
    setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // After a drop, resume: the server sends what this page missed since the newest message it shows.
    const since = this.lastId ? `&since=${encodeURIComponent(this.lastId)}` : '';
    const url = `${scheme}://${location.host}/chat/${encodeURIComponent(this.room)}?name=${encodeURIComponent(this.name)}${since}`;
    const ws = openSocket(url);
    this.ws = ws;
    this.lastHeard = Date.now();
    ws.onmessage = (event) => {
      this.lastHeard = Date.now();
      this.handle(JSON.parse(event.data));
    };
    ws.onclose = (event) => this.closed(ws, event);
    this.timer = setInterval(() => this.keepAlive(ws), 1_000);
  }

  keepAlive(ws) {
    if (ws.readyState !== WebSocket.OPEN) return;
    const now = Date.now();
    if (now - this.lastHeard > SILENCE_LIMIT_MS) {
      ws.close(4000, 'no traffic'); // dead link: onclose schedules the reconnect
    } else if (now - (this.lastPing || 0) >= PING_INTERVAL_MS) {
      this.lastPing = now;
      ws.send(JSON.stringify({ type: 'ping' }));
    }
  }

  handle(frame) {
    switch (frame.type) {
      case 'welcome':
        this.attempt = 0;
        this.welcomed = true;
        this.me = frame.you;
        this.members = new Map(frame.members.map((m) => [m.id, m]));
        renderMembers(this);
        frame.history.forEach((m) => this.show(m));
        if (frame.recovered === false) addEvent(`Some messages may be missing: ${frame.reason}`, Date.now());
        setState('open');
        showError(ui.chatError, null);
        break;
      case 'message': this.show(frame); break;
      case 'join':
        this.members.set(frame.member.id, frame.member);
        renderMembers(this);
        addEvent(`${frame.member.name} joined`, frame.ts);
        break;
      case 'leave':
        this.members.delete(frame.member.id);
        renderMembers(this);
        addEvent(`${frame.member.name} left`, frame.ts);
        break;
      case 'error': showError(ui.chatError, frame.message); break;
      default: break; // pong, ack: nothing to show
    }
  }

  show(message) {
    if (this.seen.has(message.id)) return; // history after a reconnect repeats what we already show
    this.seen.add(message.id);
    if (!this.lastId || compareIds(message.id, this.lastId) > 0) this.lastId = message.id;
    addMessage(message, this.me && message.from.id === this.me.id);
  }

  send(text) {
    if (this.ws.readyState !== WebSocket.OPEN) {
      showError(ui.chatError, 'Not connected: your message was not sent.');
      return false;
    }
    this.ws.send(JSON.stringify({ type: 'message', text }));
    return true;
  }

  async closed(ws, event) {
    clearInterval(this.timer);
    if (this.stopped || ws !== this.ws) return;
    if (!this.me) {
      // Never got a welcome: ask the server why, since a browser cannot see the refused upgrade's status.
      const refusal = await joinRefusal(this.room, this.name);
      // Rejoining after a drop, the name may still be held by this page's own old connection until the server
      // notices it is gone (heartbeat timeout): keep retrying instead of giving the name up.
      const heldByOldConnection = refusal && refusal.status === 409 && this.welcomed;
      if (refusal && !heldByOldConnection) {
        this.stop();
        leaveRoom(refusal.reason);
        return;
      }
    }
    if (TERMINAL_CLOSE_CODES.has(event.code)) {
      this.stop();
      setState('closed', `disconnected (${event.code}${event.reason ? ': ' + event.reason : ''})`);
      return;
    }
    this.me = null;
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
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000, 'left');
  }
}

/** Orders message ids ("<ms>-<seq>", protocol.md): by ms, then by seq, as numbers. */
function compareIds(a, b) {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

async function joinRefusal(room, name) {
  try {
    const token = authToken();
    const response = await fetch(`/api/join-check?room=${encodeURIComponent(room)}&name=${encodeURIComponent(name)}`,
      token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    return response.status === 204 ? null : { status: response.status, reason: (await response.text()).trim() };
  } catch {
    return null; // server unreachable: keep reconnecting
  }
}

function setState(state, label) {
  ui.state.dataset.state = state;
  ui.state.textContent = label || { connecting: 'connecting…', reconnecting: 'reconnecting…', open: 'connected', closed: 'disconnected', idle: 'not connected' }[state];
}

function showError(element, text) {
  element.hidden = !text;
  element.textContent = text || '';
}

function nearBottom() {
  const list = ui.messages;
  return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
}

function append(item) {
  const follow = nearBottom();
  ui.messages.append(item);
  if (follow) {
    ui.messages.scrollTop = ui.messages.scrollHeight;
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

function addMessage(message, mine) {
  const item = document.createElement('li');
  item.className = mine ? 'message mine' : 'message';
  item.dataset.id = message.id;
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = message.from.name;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;
  item.append(from, text, timeOf(message.ts));
  append(item);
}

function addEvent(text, ts) {
  const item = document.createElement('li');
  item.className = 'event';
  item.textContent = text;
  item.append(timeOf(ts));
  append(item);
}

function renderMembers(s) {
  const sorted = [...s.members.values()].sort((a, b) => a.name.localeCompare(b.name));
  ui.members.replaceChildren(...sorted.map((m) => {
    const item = document.createElement('li');
    item.textContent = m.name;
    if (s.me && m.id === s.me.id) item.className = 'me';
    return item;
  }));
  ui.memberCount.textContent = `(${sorted.length})`;
}

function leaveRoom(error) {
  if (session) session.stop();
  session = null;
  ui.chat.hidden = true;
  ui.joinForm.hidden = false;
  showError(ui.joinError, error);
  setState(error ? 'closed' : 'idle');
}

ui.joinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = ui.name.value.trim();
  const room = ui.room.value.trim();
  showError(ui.joinError, null);
  ui.messages.replaceChildren();
  ui.members.replaceChildren();
  ui.roomTitle.textContent = `# ${room}`;
  ui.joinForm.hidden = true;
  ui.chat.hidden = false;
  session = new Session(room, name);
  ui.text.focus();
});

ui.compose.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.text.value;
  if (text.trim() && session && session.send(text)) ui.text.value = '';
});

ui.leave.addEventListener('click', () => leaveRoom(null));

ui.messages.addEventListener('scroll', () => { if (nearBottom()) ui.newMessages.hidden = true; });
ui.newMessages.addEventListener('click', () => {
  ui.messages.scrollTop = ui.messages.scrollHeight;
  ui.newMessages.hidden = true;
});

const params = new URLSearchParams(location.search);
if (params.get('room')) ui.room.value = params.get('room');
if (params.get('name')) ui.name.value = params.get('name');
