// Benchmark peer: the chat protocol v1 subset (docs/protocol.md) on Node.js and the `ws` package.
// One process, in-memory rooms and history. See README.md for what is left out.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';

const PORT = Number(process.env.PORT ?? 8090);
const HOST = process.env.HOST ?? '127.0.0.1';

const HISTORY_SIZE = 50;
const HISTORY_MAX_ROOMS = 10_000;
const MAX_TEXT_LENGTH = 4000;
const MAX_REF_LENGTH = 128;
const MAX_FRAME_BYTES = 64 * 1024;
const MAX_SEND_QUEUE_BYTES = 1024 * 1024;
const HEARTBEAT_INTERVAL_MS = 15_000;
const DRAIN_TIMEOUT_MS = 10_000;

const ROOM_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const NAME_RE = /^[\p{L}\p{N} _.-]{1,32}$/u;
const CHAT_PREFIX = '/chat/';

/** room name -> { name, members: Map<lowercased name, client> } for rooms with at least one member. */
const rooms = new Map();
/** room name -> { messages: [], lastMs, lastSeq }; kept after a room empties, least recently used dropped first. */
const histories = new Map();
let draining = false;

// ---- rooms and history ------------------------------------------------------------------------------------------

function historyOf(room) {
  let log = histories.get(room);
  if (log) {
    histories.delete(room); // re-insert: Map order is our LRU order
  } else {
    log = { messages: [], lastMs: 0, lastSeq: 0 };
    if (histories.size >= HISTORY_MAX_ROOMS) histories.delete(histories.keys().next().value);
  }
  histories.set(room, log);
  return log;
}

function nextId(log, now) {
  if (now > log.lastMs) {
    log.lastMs = now;
    log.lastSeq = 0;
  } else {
    log.lastSeq++;
  }
  return `${log.lastMs}-${log.lastSeq}`;
}

/** Serializes once and sends the same string to every member of the room (but `except`). */
function broadcast(room, event, except) {
  const frame = JSON.stringify(event);
  for (const client of room.members.values()) {
    if (client !== except) deliver(client, frame);
  }
}

function deliver(client, frame) {
  const ws = client.ws;
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_SEND_QUEUE_BYTES) {
    leave(client);
    ws.close(1008, 'too slow: send queue full');
    return;
  }
  ws.send(frame);
}

function join(client) {
  let room = rooms.get(client.room);
  if (!room) {
    room = { name: client.room, members: new Map() };
    rooms.set(client.room, room);
  }
  room.members.set(client.key, client);
  broadcast(room, { type: 'join', room: room.name, member: client.member, ts: Date.now() }, client);
  const log = histories.get(room.name);
  deliver(client, JSON.stringify({
    type: 'welcome',
    room: room.name,
    you: client.member,
    members: Array.from(room.members.values(), (c) => c.member),
    history: log ? log.messages : [],
  }));
}

function leave(client) {
  const room = rooms.get(client.room);
  if (!room || room.members.get(client.key) !== client) return; // never joined, or already left
  room.members.delete(client.key);
  if (room.members.size === 0) rooms.delete(room.name);
  else broadcast(room, { type: 'leave', room: room.name, member: client.member, ts: Date.now() });
}

function post(client, text, ref) {
  const room = rooms.get(client.room);
  if (!room || room.members.get(client.key) !== client) return;
  const log = historyOf(room.name);
  const ts = Date.now();
  const message = { type: 'message', id: nextId(log, ts), room: room.name, from: client.member, text, ts };
  log.messages.push(message);
  if (log.messages.length > HISTORY_SIZE) log.messages.shift();
  broadcast(room, message);
  if (ref != null) deliver(client, JSON.stringify({ type: 'ack', ref, id: message.id }));
}

// ---- client frames ----------------------------------------------------------------------------------------------

class ProtocolError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function optionalString(frame, field) {
  const value = frame[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ProtocolError('invalid_message', `field '${field}' must be a string`);
  return value;
}

function codePointLength(text) {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** No C0 controls but tab/LF/CR, no DEL or C1 controls, no unpaired surrogates. */
function isPrintable(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    } else if (c >= 0x7f && c <= 0x9f) {
      return false;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1); // NaN past the end
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function decode(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    throw new ProtocolError('invalid_json', data.trim() === '' ? 'empty frame' : 'frame is not valid JSON');
  }
  if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
    throw new ProtocolError('invalid_message', 'a frame must be a JSON object');
  }
  if (typeof frame.type !== 'string') throw new ProtocolError('invalid_message', "field 'type' must be a string");
  switch (frame.type) {
    case 'ping':
      return { type: 'ping' };
    case 'message': {
      const text = optionalString(frame, 'text');
      if (text === null || text.trim() === '') throw new ProtocolError('empty_text', "field 'text' must not be empty");
      if (text.length > MAX_TEXT_LENGTH && codePointLength(text) > MAX_TEXT_LENGTH) {
        throw new ProtocolError('text_too_long', `text is longer than ${MAX_TEXT_LENGTH} characters`);
      }
      if (!isPrintable(text)) {
        throw new ProtocolError('invalid_text', 'text contains control characters or unpaired surrogates');
      }
      const ref = optionalString(frame, 'ref');
      if (ref !== null && ref.length > MAX_REF_LENGTH) {
        throw new ProtocolError('ref_too_long', `ref is longer than ${MAX_REF_LENGTH} characters`);
      }
      return { type: 'message', text, ref };
    }
    default:
      throw new ProtocolError('unknown_type', "unknown type; a client may send 'message' or 'ping'");
  }
}

function onMessage(client, data, isBinary) {
  if (isBinary) {
    client.ws.close(1003, 'binary frames are not supported');
    return;
  }
  let frame;
  try {
    frame = decode(data.toString());
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    deliver(client, JSON.stringify({ type: 'error', code: e.code, message: e.message }));
    return;
  }
  if (frame.type === 'ping') deliver(client, JSON.stringify({ type: 'pong', ts: Date.now() }));
  else post(client, frame.text, frame.ref);
}

// ---- HTTP and upgrade -------------------------------------------------------------------------------------------

/** The decoded value of a query parameter given exactly once, else null. */
function singleParam(params, name) {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : null;
}

/** Why a join must be refused before the upgrade, as [status, reason], or null; sets request.chat when admitted. */
function checkJoin(req) {
  const url = new URL(req.url, 'http://localhost');
  const room = url.pathname.slice(CHAT_PREFIX.length);
  if (!ROOM_RE.test(room)) return [400, 'invalid room: use 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit'];
  const rawName = singleParam(url.searchParams, 'name');
  if (rawName === null || rawName.trim() === '') return [400, 'missing name: add ?name=<your name> to the URL'];
  const name = rawName.trim();
  if (!NAME_RE.test(name)) return [400, 'invalid name: use 1-32 letters, digits, spaces, _ . -'];
  if (rooms.get(room)?.members.has(name.toLowerCase())) return [409, `name '${name}' is already taken in room '${room}'`];
  req.chat = { room, name };
  return null;
}

function isChatPath(pathname) {
  return pathname.startsWith(CHAT_PREFIX) && pathname.indexOf('/', CHAT_PREFIX.length) < 0;
}

function sendText(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

function refuseUpgrade(socket, status, reason, headers = {}) {
  const body = `${reason}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/q/health/ready') {
    res.writeHead(draining ? 503 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: draining ? 'DOWN' : 'UP' }));
  } else if (isChatPath(pathname)) {
    sendText(res, 400, 'WebSocket upgrade expected: connect with a WebSocket client');
  } else {
    sendText(res, 404, 'not found');
  }
});

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });

server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => socket.destroy());
  const { pathname } = new URL(req.url, 'http://localhost');
  if (!isChatPath(pathname)) return refuseUpgrade(socket, 404, 'not found');
  if (draining) return refuseUpgrade(socket, 503, 'server shutting down: reconnect to another node', { 'Retry-After': 1 });
  const refusal = checkJoin(req);
  if (refusal) return refuseUpgrade(socket, ...refusal);
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

wss.on('connection', (ws, req) => {
  const { room, name } = req.chat;
  const client = { ws, room, key: name.toLowerCase(), member: { id: randomUUID(), name }, isAlive: true };
  ws.on('pong', () => { client.isAlive = true; });
  ws.on('message', (data, isBinary) => onMessage(client, data, isBinary));
  ws.on('close', () => leave(client));
  ws.on('error', (err) => console.warn(`connection ${client.member.id}: ${err.message}`));
  ws.client = client;
  if (rooms.get(room)?.members.has(client.key)) {
    ws.close(4409, 'name taken'); // lost a race with a concurrent join after the pre-upgrade check
    return;
  }
  join(client);
});

// Heartbeat, the usual ws way: ping everyone every interval, terminate whoever did not pong since the last one.
const heartbeat = setInterval(() => {
  for (const ws of wss.clients) {
    const client = ws.client;
    if (!client.isAlive) {
      leave(client);
      ws.terminate();
      continue;
    }
    client.isAlive = false;
    ws.ping();
  }
}, HEARTBEAT_INTERVAL_MS);

function shutdown(signal) {
  if (draining) return;
  draining = true;
  console.log(`${signal}: closing ${wss.clients.size} connections`);
  clearInterval(heartbeat);
  server.close();
  const exit = () => process.exit(0);
  if (wss.clients.size === 0) exit();
  for (const ws of wss.clients) {
    ws.on('close', () => { if (wss.clients.size === 0) exit(); });
    ws.close(1001, 'server shutting down');
  }
  setTimeout(exit, DRAIN_TIMEOUT_MS).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.listen(PORT, HOST, () => {
  console.log(`listening on http://${HOST}:${PORT} (node ${process.version})`);
});
