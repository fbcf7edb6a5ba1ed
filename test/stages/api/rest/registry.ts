/**
 * A tiny model-registry REST service for the openapi and contract checks, over a real loopback socket.
 * `fault` breaks exactly one thing, so each test can show the check names that thing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, readJson } from '../../../helpers/loopback-service.js';

export type RegistryFault =
  | 'wrong-status' // POST /models/register answers 200 instead of 201
  | 'missing-field' // GET /models/{id} leaves out `name`
  | 'wrong-type' // POST /models/register returns model_id as a number
  | 'empty-versions' // GET /models/{id}/versions returns versions: []
  | 'bad-enum' // GET /models/{id} says status: retired
  | 'setup-fails' // POST /_setup answers 500
  | 'needs-setup'; // model 123 exists only after the "model exists" provider state is set up

export interface Registry {
  url: string;
  /** Bodies POSTed to /_setup, in order. */
  setups: unknown[];
  close(): Promise<void>;
}

interface Model {
  model_id: string;
  name: string;
  version: string;
  status: 'active' | 'inactive';
  framework: string | null;
  created_at: string;
}

const CREATED = '2024-05-01T12:00:00Z';

export async function startRegistry(fault?: RegistryFault): Promise<Registry> {
  const models = new Map<string, Model>();
  const seed = () =>
    models.set('123', {
      model_id: '123',
      name: 'fraud_detection',
      version: '2.1.0',
      status: 'active',
      framework: null,
      created_at: CREATED,
    });
  if (fault !== 'needs-setup') seed();
  const setups: unknown[] = [];
  let next = 1000;

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, what: string) =>
    send(res, 404, { error: { code: 'not_found', message: `${what} not found` } });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readJson(req);
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'POST' && url.pathname === '/_setup') {
      setups.push(body);
      if (fault === 'setup-fails') return send(res, 500, { error: 'state handler crashed' });
      if ((body as { state?: string })?.state === 'model exists') seed();
      return send(res, 200, {});
    }
    if (req.method === 'POST' && url.pathname === '/models/register') {
      const b = (body ?? {}) as { name?: unknown; version?: unknown; framework?: unknown };
      if (typeof b.name !== 'string' || b.name === '')
        return send(res, 400, { error: { code: 'invalid', message: '`name` is required' } });
      const id = String(next++);
      const model: Model = {
        model_id: id,
        name: b.name,
        version: typeof b.version === 'string' ? b.version : '1.0.0',
        status: 'active',
        framework: typeof b.framework === 'string' ? b.framework : null,
        created_at: CREATED,
      };
      models.set(id, model);
      const out = fault === 'wrong-type' ? { ...model, model_id: Number(id) } : model;
      return send(res, fault === 'wrong-status' ? 200 : 201, out);
    }
    if (req.method === 'GET' && url.pathname === '/models') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      return send(res, 200, { models: [...models.values()].slice(0, limit) });
    }
    if (req.method === 'GET' && parts[0] === 'models' && parts.length === 2) {
      const model = models.get(parts[1] as string);
      if (!model) return notFound(res, `model ${parts[1]}`);
      if (fault === 'missing-field') {
        const { name: _name, ...rest } = model;
        return send(res, 200, rest);
      }
      return send(res, 200, fault === 'bad-enum' ? { ...model, status: 'retired' } : model);
    }
    if (req.method === 'GET' && parts[0] === 'models' && parts[2] === 'versions' && parts.length === 3) {
      const model = models.get(parts[1] as string);
      if (!model) return notFound(res, `model ${parts[1]}`);
      const versions =
        fault === 'empty-versions'
          ? []
          : [
              { version: '2.0.0', created_at: '2024-04-01T12:00:00Z' },
              { version: model.version, created_at: CREATED },
            ];
      return send(res, 200, { model_id: model.model_id, versions });
    }
    return send(res, 404, {
      error: { code: 'not_found', message: `no route ${req.method} ${url.pathname}` },
    });
  };

  const server = await listenLoopback((req, res) => {
    handle(req, res).catch((err: Error) => send(res, 500, { error: err.message }));
  });
  return {
    ...server,
    setups,
  };
}
