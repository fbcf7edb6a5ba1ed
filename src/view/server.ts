/**
 * The viewer's HTTP server: node:http on a loopback address, every request through the token and Host check
 * of auth.ts, then a small table of GET routes for the pages and the JSON API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { renderHtml } from '../report/html/index.js';
import { openRunIndex } from '../run/history/index.js';
import { type AlertRule, loadAlertRules, suiteKey } from './alerts.js';
import { allowedHosts, authorize, cookieName, newToken, sessionCookie, UNAUTHORIZED_TEXT } from './auth.js';
import { ViewData, ViewError } from './data.js';
import { type PageKind, pageCsp, renderPage } from './page.js';

/** The names the viewer may bind to: it serves a run history without TLS, so loopback only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;

export interface ViewerOptions {
  /** Where the runs and their index are stored. */
  runsDir: string;
  /** A database index instead of the runs directory's file (passed to openRunIndex, as is env's GAUNTLET_DB). */
  db?: string;
  env?: NodeJS.ProcessEnv;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  rules?: readonly AlertRule[];
  /** A fixed token (tests); default: 32 random bytes. */
  token?: string;
}

export interface RunningViewer {
  /** The URL to open, with the token. */
  url: string;
  /** The origin without the token. */
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Whether `host` is one the viewer may bind to. */
export const isLoopbackHost = (host: string) => (LOOPBACK_HOSTS as readonly string[]).includes(host);

type Handler = (m: RegExpExecArray, q: URLSearchParams) => Promise<Reply>;
type Reply = { page: PageKind; title: string; data: unknown } | { json: unknown } | { report: string };

const ID = '([^/]+)';

function routes(data: ViewData): [RegExp, Handler][] {
  const id = (m: RegExpExecArray) => {
    try {
      return decodeURIComponent(m[1] ?? '');
    } catch {
      throw new ViewError(400, `not a run id: ${m[1]}`);
    }
  };
  return [
    [/^\/$/, async (_, q) => ({ page: 'list', title: 'Gauntlet runs', data: await listData(data, q) })],
    [
      new RegExp(`^/runs/${ID}$`),
      async (m) => ({ page: 'run', title: `Gauntlet run ${id(m)}`, data: await runData(data, id(m)) }),
    ],
    [new RegExp(`^/runs/${ID}/report$`), async (m) => ({ report: id(m) })],
    [
      /^\/compare$/,
      async (_, q) => ({
        page: 'compare',
        title: 'Gauntlet compare',
        data: await data.compare(q.get('base'), q.get('current')),
      }),
    ],
    [
      /^\/trends$/,
      async (_, q) => ({ page: 'trends', title: 'Gauntlet trends', data: await data.trends(q.get('suite')) }),
    ],
    [/^\/api\/runs$/, async (_, q) => ({ json: await listData(data, q) })],
    [new RegExp(`^/api/runs/${ID}$`), async (m) => ({ json: await data.run(id(m)) })],
    [/^\/api\/compare$/, async (_, q) => ({ json: await data.compare(q.get('base'), q.get('current')) })],
    [/^\/api\/trends$/, async (_, q) => ({ json: await data.trends(q.get('suite')) })],
  ];
}

async function listData(data: ViewData, q: URLSearchParams) {
  const suite = q.get('suite') || undefined;
  return { suite: suite ?? null, ...(await data.runs(suite)) };
}

async function runData(data: ViewData, id: string) {
  const run = await data.run(id);
  const { runs } = await data.runs(suiteKey(run.entry));
  // Runs come newest first: the previous run of the suite is the next live one after this one.
  const at = runs.findIndex((r) => r.id === id);
  const previous = runs.slice(at + 1).find((r) => !r.deleted && r.verdict !== 'unknown');
  return {
    entry: run.entry,
    row: run.row,
    hasReport: Boolean(run.summary),
    previousId: previous?.id ?? null,
  };
}

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': type, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Starts the viewer; resolves once it listens. */
export async function startViewer(opts: ViewerOptions): Promise<RunningViewer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`the viewer binds loopback addresses only (${LOOPBACK_HOSTS.join(', ')}), not ${host}`);
  }
  const bindHost = host === 'localhost' ? '127.0.0.1' : host;
  const token = opts.token ?? newToken();
  const index = openRunIndex(path.resolve(opts.runsDir), { db: opts.db, env: opts.env });
  const data = new ViewData(index, opts.rules ?? loadAlertRules({}));
  const table = routes(data);
  let where = { hosts: new Set<string>(), cookie: '' };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const decision = authorize(req, token, where);
    if (decision.kind === 'bad-host') {
      return send(
        res,
        421,
        'text/plain; charset=utf-8',
        `Refused: the Host header must name the viewer's loopback address (${[...where.hosts].join(' or ')}).\n`,
      );
    }
    if (decision.kind === 'unauthorized')
      return send(res, 401, 'text/plain; charset=utf-8', UNAUTHORIZED_TEXT);
    if (decision.kind === 'login') {
      return send(res, 303, 'text/plain; charset=utf-8', 'Logged in.\n', {
        location: decision.location,
        'set-cookie': sessionCookie(where.cookie, token),
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain; charset=utf-8', 'The viewer is read-only: GET only.\n', {
        allow: 'GET, HEAD',
      });
    }
    const url = new URL(req.url ?? '/', 'http://viewer.invalid');
    const api = url.pathname.startsWith('/api/');
    try {
      for (const [re, handler] of table) {
        const m = re.exec(url.pathname);
        if (!m) continue;
        // Awaited here so that a missing run in reply() is a 404, not a 500.
        return await reply(res, await handler(m, url.searchParams), data);
      }
      throw new ViewError(404, `no page ${url.pathname}`);
    } catch (err) {
      const status = err instanceof ViewError ? err.status : 500;
      const message = (err as Error).message;
      if (api) return send(res, status, 'application/json', JSON.stringify({ error: message }));
      const page = renderPage('error', 'Gauntlet viewer', { message });
      return send(res, status, 'text/html; charset=utf-8', page.html, {
        'content-security-policy': pageCsp(page.nonce),
      });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${(err as Error).message}\n`);
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, bindHost, () => resolve());
    });
  } catch (err) {
    await index.close();
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(
      `the viewer cannot listen on ${host}:${opts.port ?? 0} (${reason}): choose another --port, or 0 for a free one`,
      { cause: err },
    );
  }
  const port = (server.address() as AddressInfo).port;
  where = { hosts: allowedHosts(bindHost, port), cookie: cookieName(port) };
  const origin = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await index.close();
    },
  };
}

async function reply(res: ServerResponse, r: Reply, data: ViewData): Promise<void> {
  if ('json' in r) return send(res, 200, 'application/json', JSON.stringify(r.json));
  if ('report' in r) {
    const dir = await data.runDir(r.report);
    const summary = (await data.run(r.report)).summary;
    if (!summary) throw new ViewError(404, `run ${r.report} has no summary`);
    const html = await renderHtml(summary, path.join(dir, 'results.jsonl'));
    // The report carries its own CSP; the header adds a sandbox in case it is opened outside the iframe.
    return send(res, 200, 'text/html; charset=utf-8', html, {
      'content-security-policy': "sandbox allow-scripts; frame-ancestors 'self'",
    });
  }
  const page = renderPage(r.page, r.title, r.data);
  send(res, 200, 'text/html; charset=utf-8', page.html, { 'content-security-policy': pageCsp(page.nonce) });
}
