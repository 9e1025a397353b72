// Cross-node delivery latency through Redis: a sender on node A and a receiver on node B in one room. The sender
// stamps each message with performance.now(); both sockets live in this process, so one clock measures the trip
// A -> Redis -> B (and A -> Redis -> A for the sender's own copy). The first 10% are warm-up and not counted.
// Node 20: run with --experimental-websocket.
// Usage: node --experimental-websocket bench/cross-node-latency.mjs ws://127.0.0.1:18181 ws://127.0.0.1:18182 5000 500
const [nodeA, nodeB, total = '5000', rate = '500'] = process.argv.slice(2);
const n = Number(total);
const perSecond = Number(rate);
const warmup = Math.floor(n / 10);
const room = `xnode-${process.pid}`;

function join(base, name) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}/chat/${room}?name=${name}`);
    ws.onmessage = (event) => { if (JSON.parse(event.data).type === 'welcome') resolve(ws); };
    ws.onerror = () => reject(new Error(`cannot join ${base}`));
  });
}

/** Latencies of the counted messages, and how many arrived before one sent earlier (must be none). */
function collect(ws, into, done) {
  let last = -1;
  into.outOfOrder = 0;
  ws.onmessage = (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type !== 'message') return;
    const [index, sentAt] = frame.text.split(' ').map(Number);
    if (index < last) into.outOfOrder++;
    last = Math.max(last, index);
    if (index >= warmup) into.push(performance.now() - sentAt);
    if (index === n - 1) done();
  };
}

function percentiles(samples) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  p99.9 ${at(0.999)} ms  max ${sorted[sorted.length - 1].toFixed(2)} ms`;
}

const sender = await join(nodeA, 'sender');
const receiver = await join(nodeB, 'receiver');
const remote = [];
const local = [];
let finished = 0;
const started = performance.now();
const done = () => {
  if (++finished < 2) return;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${n} messages at ${perSecond}/s (${warmup} warm-up not counted), ${seconds.toFixed(1)} s`);
  for (const [label, samples] of [['cross-node A -> Redis -> B', remote], ['same-node  A -> Redis -> A', local]]) {
    console.log(`${label}: ${percentiles(samples)}  (${samples.length} of ${n - warmup} delivered, `
      + `${samples.outOfOrder} out of order)`);
  }
  sender.close();
  receiver.close();
  const complete = [remote, local].every((s) => s.length === n - warmup && s.outOfOrder === 0);
  setTimeout(() => process.exit(complete ? 0 : 1), 200);
};
collect(receiver, remote, done);
collect(sender, local, done);

let next = 0;
const tickMs = 10;
const perTick = Math.max(1, Math.round(perSecond * tickMs / 1000));
const timer = setInterval(() => {
  for (let i = 0; i < perTick && next < n; i++, next++) {
    sender.send(JSON.stringify({ type: 'message', text: `${next} ${performance.now()}` }));
  }
  if (next >= n) clearInterval(timer);
}, tickMs);
setTimeout(() => { console.error('timed out'); process.exit(2); }, 120_000);
