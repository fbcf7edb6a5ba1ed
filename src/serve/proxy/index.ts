/**
 * The fault-injection proxy: put it between a client and an OpenAI-style server and inject Toxiproxy's
 * TCP faults (latency with jitter, bandwidth, slicer, reset_peer, timeout, limit_data, down) and HTTP
 * faults (http_error, malformed_json, sse_cut, first_byte_delay), each with a toxicity and a direction.
 *
 * How it is built: an outer TCP listener accepts the client; each connection becomes a Link (link.ts)
 * whose two lanes carry the bytes through the TCP faults, to and from the proxy's own HTTP layer
 * (forward.ts) on a private loopback port, which forwards each request to the upstream and applies the
 * HTTP faults. TCP faults thus act on exactly the bytes the client exchanges (limit_data cuts at the
 * client's byte), and HTTP faults on whole requests and responses.
 *
 * Faults apply to the connections already open as well as new ones (clients pool keep-alive
 * connections: a fault for new connections only would often never be seen); toxicity is drawn per
 * connection when the fault meets it. Removing a fault releases what it holds. `down` resets new
 * connections on accept (the port stays ours, so the proxy is back the moment `down` is removed) and
 * resets the open ones.
 */

import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import type { Fault } from '../../config/faults.js';
import { type ControlServer, startControl } from './control.js';
import { FaultProxyError, parseUpstream } from './errors.js';
import { createForwarder } from './forward.js';
import { type Direction, Link } from './link.js';
import { randomSeed } from './random.js';
import { FaultRegistry, type NamedFault, type TcpFault } from './registry.js';

export { FaultInputError, FaultProxyError, parseFault, parseUpstream } from './errors.js';
export type { NamedFault } from './registry.js';

/** Where the proxy listens and what it forwards to. */
export interface FaultProxyOptions {
  /** The server to forward to, an origin: http://host:port (https works too). */
  upstream: string;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Seed of the toxicity, jitter and slice-size draws; random (and reported as `seed`) when not given. */
  seed?: number;
  /** Serve the control API on 127.0.0.1:`port` (default 0, a free one), requiring `token`. */
  control?: { port?: number; token: string };
}

/** What went through the proxy. */
export interface FaultProxyStats {
  /** Client connections accepted (including those `down` reset). */
  connections: number;
  /** HTTP requests received. */
  requests: number;
  /** Times each fault applied, by name: per connection for TCP faults, per request for HTTP faults. */
  faulted: Record<string, number>;
  /** Bytes delivered to clients, after faults. */
  bytesDown: number;
  /** Bytes passed on towards the upstream, after faults. */
  bytesUp: number;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** e.g. http://127.0.0.1:43121: point the client here instead of at the upstream. */
  url: string;
  port: number;
  /** The seed in use. */
  seed: number;
  /** The control API, when asked for. */
  control?: { url: string; port: number };
  /** Adds a fault (as parsed by faultSchema) at once; returns its unique name. */
  add(fault: Fault): string;
  /** Removes a fault by name, releasing what it holds; false when there is none. */
  remove(name: string): boolean;
  /** Removes every fault. */
  clear(): void;
  list(): NamedFault[];
  stats(): FaultProxyStats;
  /** Drops every connection and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts the proxy (and its control API when asked) and resolves once it listens. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = parseUpstream(options.upstream);
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? randomSeed();
  const registry = new FaultRegistry(seed);
  const counts = { connections: 0, requests: 0, bytesDown: 0, bytesUp: 0 };
  const links = new Set<Link>();
  let nextId = 0;

  const forwarder = createForwarder({ upstream, registry, onRequest: () => counts.requests++ });
  await listen(forwarder.server, 0, '127.0.0.1');
  const innerPort = (forwarder.server.address() as AddressInfo).port;

  const hooks = {
    wrote(direction: Direction, bytes: number) {
      if (direction === 'downstream') counts.bytesDown += bytes;
      else counts.bytesUp += bytes;
    },
    closed: (link: Link) => links.delete(link),
  };

  const attach = (link: Link, fault: TcpFault): void => {
    if (!registry.rolls(fault)) return;
    registry.count(fault);
    if (fault.type === 'down') link.reset();
    else link.attach(fault, registry.values(fault, link.id));
  };

  const outer = createServer({ allowHalfOpen: true, noDelay: true }, (client: Socket) => {
    counts.connections++;
    client.on('error', () => {});
    for (const fault of registry.tcp()) {
      if (fault.type !== 'down' || !registry.rolls(fault)) continue;
      registry.count(fault);
      client.resetAndDestroy();
      return;
    }
    const inner = connect({ port: innerPort, host: '127.0.0.1', allowHalfOpen: true, noDelay: true });
    const link = new Link(++nextId, client, inner, hooks);
    links.add(link);
    for (const fault of registry.tcp()) if (fault.type !== 'down') attach(link, fault);
  });

  let control: ControlServer | undefined;
  try {
    await listen(outer, options.port ?? 0, host).catch((err: NodeJS.ErrnoException) => {
      throw new FaultProxyError(
        'E_PROXY_LISTEN',
        `the proxy cannot listen on ${host}:${options.port ?? 0} (${err.code ?? err.message}); choose another port, or 0 for a free one`,
        { cause: err },
      );
    });
  } catch (err) {
    await forwarder.close();
    throw err;
  }

  const { port } = outer.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const proxy: FaultProxy = {
    url: `http://${urlHost(host)}:${port}`,
    port,
    seed,
    add(fault) {
      const named = registry.add(fault);
      const tcp = registry.tcp().find((f) => f.name === named.name);
      if (tcp) for (const link of [...links]) attach(link, tcp);
      return named.name;
    },
    remove(name) {
      if (!registry.remove(name)) return false;
      for (const link of links) link.detach(name);
      return true;
    },
    clear() {
      for (const fault of registry.list()) proxy.remove(fault.name);
    },
    list: () => registry.list(),
    stats: () => ({ ...counts, faulted: { ...registry.faulted } }),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => outer.close(() => resolve()));
        for (const link of [...links]) link.destroy();
        await Promise.all([stopped, forwarder.close(), control?.close()]);
      })();
      return closing;
    },
  };

  if (options.control) {
    try {
      control = await startControl(proxy, { port: options.control.port ?? 0, token: options.control.token });
    } catch (err) {
      await proxy.close();
      throw err;
    }
    proxy.control = { url: control.url, port: control.port };
  }
  return proxy;
}

// node:http servers are net servers: one helper listens for both.
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

// A wildcard address is not something to connect to; IPv6 literals need brackets in a URL.
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
