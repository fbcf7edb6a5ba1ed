/**
 * The control API: a small JSON API on 127.0.0.1 only, every request with `Authorization: Bearer <token>`,
 * so tests (Gauntlet's or a user's own) drive the proxy while traffic flows through it.
 *
 *   GET    /faults          the active faults, in the order they were added
 *   POST   /faults          add one (a fault as in faults.ts); 201 with its name, 400 naming the bad field
 *   GET    /faults/:name    one fault
 *   DELETE /faults/:name    remove it (204; 404 when there is none)
 *   POST   /reset           remove every fault (204)
 *   GET    /stats           connections, requests, bytes each way, times each fault applied
 *
 * Errors are `{error: {message, code, path?}}`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from '../../config/faults.js';
import { GauntletError } from '../../errors.js';
import { FaultInputError, FaultProxyError, parseFault } from './errors.js';
import type { NamedFault } from './registry.js';

/** What the control API drives: the proxy's own methods. */
export interface ControlTarget {
  add(fault: Fault): string;
  remove(name: string): boolean;
  clear(): void;
  list(): NamedFault[];
  stats(): unknown;
}

/** A running control API. */
export interface ControlServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Starts the control API on 127.0.0.1:`port` (0: a free port). */
export async function startControl(
  target: ControlTarget,
  opts: { port: number; token: string },
): Promise<ControlServer> {
  if (!opts.token) throw new FaultProxyError('E_PROXY_TOKEN', 'the control API needs a non-empty token');
  const expected = digest(opts.token);
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const problem =
        err instanceof HttpProblem
          ? err
          : err instanceof FaultInputError
            ? new HttpProblem(400, err.code, err.message, err.path)
            : err instanceof GauntletError && err.code === 'E_PROXY_FAULT_EXISTS'
              ? new HttpProblem(409, err.code, err.message)
              : new HttpProblem(500, 'E_INTERNAL', `internal error: ${(err as Error)?.message ?? err}`);
      const error: Record<string, string> = { message: problem.message, code: problem.code };
      if (problem.path !== undefined) error.path = problem.path;
      send(res, problem.status, { error }, problem.headers);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (auth === undefined || !timingSafeEqual(digest(auth), expected)) {
      throw new HttpProblem(
        401,
        'E_UNAUTHORIZED',
        'missing or wrong token: send Authorization: Bearer <token> (gauntlet proxy prints it at start)',
        undefined,
        { 'www-authenticate': 'Bearer' },
      );
    }
    const path = new URL(req.url ?? '/', 'http://control').pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const allow = (...methods: string[]) => {
      if (methods.includes(method)) return;
      throw new HttpProblem(405, 'E_METHOD', `${method} ${path}: use ${methods.join(' or ')}`, undefined, {
        allow: methods.join(', '),
      });
    };
    if (path === '/faults') {
      allow('GET', 'POST');
      if (method === 'GET') return send(res, 200, target.list());
      const name = target.add(parseFault(await readJson(req)));
      return send(
        res,
        201,
        target.list().find((f) => f.name === name),
      );
    }
    if (path.startsWith('/faults/')) {
      allow('GET', 'DELETE');
      const name = decodeName(path.slice('/faults/'.length));
      const fault = target.list().find((f) => f.name === name);
      if (!fault) {
        const names = target.list().map((f) => f.name);
        throw new HttpProblem(
          404,
          'E_NO_FAULT',
          `no fault named "${name}"; active: ${names.length ? names.join(', ') : 'none'}`,
        );
      }
      if (method === 'GET') return send(res, 200, fault);
      target.remove(name);
      return send(res, 204);
    }
    if (path === '/reset') {
      allow('POST');
      target.clear();
      return send(res, 204);
    }
    if (path === '/stats') {
      allow('GET');
      return send(res, 200, target.stats());
    }
    throw new HttpProblem(
      404,
      'E_NOT_FOUND',
      `no route ${path}; routes: GET/POST /faults, GET/DELETE /faults/:name, POST /reset, GET /stats`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    throw new FaultProxyError(
      'E_PROXY_LISTEN',
      `the control API cannot listen on 127.0.0.1:${opts.port} (${err.code ?? err.message}); choose another port, or 0 for a free one`,
      { cause: err },
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function decodeName(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpProblem(413, 'E_TOO_LARGE', `a fault body is at most ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpProblem(400, 'E_PROXY_FAULT', `the body is not JSON: ${(err as Error).message}`, '');
  }
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
