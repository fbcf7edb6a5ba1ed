import { createServer } from 'node:net';
import type { LaunchSpec } from './types.js';

const PLACEHOLDER = '{port}';

/** Asks the OS for a TCP port free on `host` right now (another process may still take it before the target). */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no port assigned on ${host}`))));
    });
  });
}

/** Replaces every `{port}` placeholder in `text`. */
export function substitutePort(text: string, port: number): string {
  return text.replaceAll(PLACEHOLDER, String(port));
}

/** Picks a free port when the spec has a `{port}` placeholder anywhere, and fills it in everywhere. */
export async function resolvePort(spec: LaunchSpec): Promise<{ spec: LaunchSpec; port?: number }> {
  const argv = typeof spec.command === 'string' ? [spec.command] : spec.command;
  const texts = [...argv, ...Object.values(spec.env ?? {}), spec.ready.url, spec.cwd ?? ''];
  if (!texts.some((t) => t.includes(PLACEHOLDER))) return { spec };
  const port = await findFreePort();
  const sub = (t: string) => substitutePort(t, port);
  const env = spec.env && Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, sub(v)]));
  return {
    port,
    spec: {
      ...spec,
      command: typeof spec.command === 'string' ? sub(spec.command) : spec.command.map(sub),
      ...(env && { env }),
      ...(spec.cwd !== undefined && { cwd: sub(spec.cwd) }),
      ready: { ...spec.ready, url: sub(spec.ready.url) },
    },
  };
}
