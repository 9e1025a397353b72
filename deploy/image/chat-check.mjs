// A real chat exchange against a running chat node, for deploy/image/smoke-test.sh:
//   1. alice joins ROOM and gets her welcome; bob joins, gets his (alice among the members), alice sees bob's join;
//   2. bob sends a message; alice and bob both receive it (same id, from bob, the text unchanged), bob gets the ack;
//   3. both stay connected and print "waiting for the server to close the connections"; the server must then close
//      both with 1001 (what a graceful shutdown sends: smoke-test.sh runs `podman stop` at that point).
// One line per step on stdout; on the first failed check or timeout, a FAIL line on stderr and exit status 1.
//
// Usage: node --experimental-websocket chat-check.mjs ws://127.0.0.1:8080 [ROOM]
// Needs the global WebSocket: Node 20.10+ with that flag, or Node 22+.

const [base, room = `smoke-${process.pid}`] = process.argv.slice(2);
const STEP_TIMEOUT_MS = 10_000;
const SHUTDOWN_TIMEOUT_MS = 60_000;

if (!base || typeof WebSocket !== 'function') {
    fail('usage: node --experimental-websocket chat-check.mjs ws://HOST:PORT [ROOM] (Node 20.10+)');
}

let expectingClose = false;

function fail(message) {
    console.error(`FAIL: ${message}`);
    process.exit(1);
}

function check(condition, message) {
    if (!condition) {
        fail(message);
    }
}

/** One chat member: its WebSocket, and the frames it received that no expect() has taken yet. */
class Member {
    constructor(name) {
        this.name = name;
        this.frames = [];
        this.waiting = new Set();
        this.ws = new WebSocket(`${base}/chat/${encodeURIComponent(room)}?name=${encodeURIComponent(name)}`);
        this.ws.addEventListener('message', (event) => {
            this.frames.push(JSON.parse(event.data));
            this.waiting.forEach((take) => take());
        });
        // A refused upgrade (400, 409, 429, 503...) shows only as an error event, without its status, and Node 20
        // fires no close event after it: fail here rather than wait for a welcome that will not come.
        this.ws.addEventListener('error', (event) => {
            if (!expectingClose) {
                fail(`${name}: WebSocket error (upgrade refused or connection lost): ${event.message ?? ''}`);
            }
        });
        this.closed = new Promise((resolve) => this.ws.addEventListener('close', resolve));
        this.closed.then((event) => {
            if (!expectingClose) {
                fail(`${name}: connection closed early: ${event.code} ${event.reason}`);
            }
        });
    }

    send(frame) {
        this.ws.send(JSON.stringify(frame));
    }

    /** The first frame, received already or within the step timeout, for which matches(frame) is true. */
    expect(what, matches) {
        return new Promise((resolve) => {
            const timer = setTimeout(() => fail(`${this.name}: no ${what} within ${STEP_TIMEOUT_MS} ms; `
                + `unclaimed frames: ${JSON.stringify(this.frames)}`), STEP_TIMEOUT_MS);
            const take = () => {
                const index = this.frames.findIndex(matches);
                if (index >= 0) {
                    clearTimeout(timer);
                    this.waiting.delete(take);
                    resolve(this.frames.splice(index, 1)[0]);
                }
            };
            this.waiting.add(take);
            take();
        });
    }
}

const names = (members) => members.map((member) => member.name).join(', ');

// 1. Joining.
const alice = new Member('alice');
const aliceWelcome = await alice.expect('welcome', (frame) => frame.type === 'welcome');
console.log(`alice <- welcome: room ${aliceWelcome.room}, members [${names(aliceWelcome.members)}]`);

const bob = new Member('bob');
const bobWelcome = await bob.expect('welcome', (frame) => frame.type === 'welcome');
console.log(`bob   <- welcome: room ${bobWelcome.room}, members [${names(bobWelcome.members)}]`);
check(bobWelcome.members.some((member) => member.name === 'alice'), 'alice is not among the members bob sees');

const join = await alice.expect('join of bob', (frame) => frame.type === 'join' && frame.member.name === 'bob');
console.log(`alice <- join: ${join.member.name} (${join.member.id})`);

// 2. One message, which both must receive.
const text = 'hello from bob — grüße ✓';
bob.send({ type: 'message', text, ref: 'smoke-1' });
console.log(`bob   -> message: ${text}`);

const isBobsMessage = (frame) => frame.type === 'message' && frame.text === text;
const [atAlice, atBob] = await Promise.all([
    alice.expect('message from bob', isBobsMessage),
    bob.expect('own message', isBobsMessage),
]);
for (const [who, message] of [['alice', atAlice], ['bob  ', atBob]]) {
    console.log(`${who} <- message ${message.id} from ${message.from.name}: ${message.text}`);
}
check(atAlice.id === atBob.id, `alice and bob got different ids: ${atAlice.id}, ${atBob.id}`);
check(atAlice.from.id === bobWelcome.you.id && atAlice.from.name === 'bob', 'the message is not from bob');
check(atAlice.room === room, `the message is for room ${atAlice.room}`);

const ack = await bob.expect('ack', (frame) => frame.type === 'ack' && frame.ref === 'smoke-1');
console.log(`bob   <- ack: ref ${ack.ref}, id ${ack.id}`);
check(ack.id === atBob.id, `the ack names ${ack.id}, the message is ${atBob.id}`);
console.log('chat exchange OK');

// 3. Both stay until the server closes them.
expectingClose = true;
console.log('waiting for the server to close the connections');
const timeout = setTimeout(() => fail(`not closed within ${SHUTDOWN_TIMEOUT_MS} ms`), SHUTDOWN_TIMEOUT_MS);
const closes = await Promise.all([alice.closed, bob.closed]);
clearTimeout(timeout);
for (const [who, close] of [['alice', closes[0]], ['bob  ', closes[1]]]) {
    console.log(`${who} <- close ${close.code} "${close.reason}"`);
}
check(closes.every((close) => close.code === 1001), 'expected close 1001 (going away) for both');
console.log('graceful shutdown OK: both clients got close 1001');
