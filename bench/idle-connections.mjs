// Opens N idle chat connections (protocol v1) over R rooms and holds them until SIGTERM or stdin closes.
// Prints "ready <welcomed> failed <failed>" once every connection is either welcomed or closed.
// Node 20: run with --experimental-websocket.
// Usage: node --experimental-websocket bench/idle-connections.mjs ws://127.0.0.1:8080 1000 100
const [base, total = '1000', rooms = '100'] = process.argv.slice(2);
const n = Number(total);
const r = Number(rooms);
let welcomed = 0;
let failed = 0;
const report = () => { if (welcomed + failed === n) console.log(`ready ${welcomed} failed ${failed}`); };
const sockets = [];
for (let i = 0; i < n; i++) {
  const ws = new WebSocket(`${base}/chat/idle-${i % r}?name=u${i}`);
  let joined = false;
  ws.onmessage = (event) => {
    if (!joined && JSON.parse(event.data).type === 'welcome') {
      joined = true;
      welcomed++;
      report();
    }
  };
  ws.onclose = () => {
    if (!joined) {
      joined = true;
      failed++;
      report();
    }
  };
  sockets.push(ws);
}
const stop = () => { sockets.forEach((ws) => ws.close()); setTimeout(() => process.exit(0), 500); };
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
