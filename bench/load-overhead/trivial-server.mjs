/**
 * The trivial target of bench/load-overhead: answers every request with a small JSON body, keep-alive on.
 * Runs in its own process (forked with IPC) so its CPU is never counted as a generator's; it tells the
 * parent its port, and on request its counts (requests, new connections, the span from first to last answer) and its own CPU since the last reset.
 */
import { createServer } from 'node:http';

const BODY = Buffer.from('{"ok":true,"model":"trivial","value":42}');
let requests = 0;
let connections = 0;
// First and last answer of the current window: the request rate as the server saw it.
let firstAt = 0;
let lastAt = 0;
let cpuAt = process.cpuUsage();

const server = createServer((req, res) => {
  requests++;
  // Read (and drop) a POST body before answering, as any real service would.
  req.resume();
  req.once('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
    res.end(BODY);
    lastAt = performance.now();
    if (firstAt === 0) firstAt = lastAt;
  });
});
server.keepAliveTimeout = 30_000;
server.on('connection', () => connections++);

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', (m) => {
  if (m?.type === 'reset') {
    requests = 0;
    connections = 0;
    firstAt = 0;
    lastAt = 0;
    cpuAt = process.cpuUsage();
    process.send?.({ type: 'reset-done' });
  } else if (m?.type === 'stats') {
    const cpu = process.cpuUsage(cpuAt);
    const spanS = (lastAt - firstAt) / 1000;
    process.send?.({ type: 'stats', requests, connections, spanS, cpuS: (cpu.user + cpu.system) / 1e6 });
  }
});
// The parent going away (even killed) closes the IPC channel: stop with it.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
