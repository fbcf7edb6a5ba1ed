/**
 * The model registry of the MLOps test strategy, over a real loopback socket, for
 * examples/api/model-registry.yaml. It answers the way that document's tests expect: 401 without
 * credentials (or with an Authorization header that is not a bearer token), 403 for an unknown token, 400
 * for a model id that is not an id (`'; DROP TABLE models; --`), 201 with a `model_id` on registration,
 * and model 123 (`fraud_detection` 1.0.0, active) once the "model exists" provider state is set up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, readJson } from './loopback-service.js';

export interface RegistryService {
  url: string;
  /** Provider states set up through POST /_setup, in order. */
  states: string[];
  close(): Promise<void>;
}

interface Model {
  model_id: string;
  name: string;
  version: string;
  status: 'active' | 'retired';
  framework: string | null;
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Starts the registry; `token` is the bearer token it accepts. */
export async function startRegistryService(token: string): Promise<RegistryService> {
  const models = new Map<string, Model>();
  const states: string[] = [];
  let next = 1000;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readJson(req);
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'POST' && url.pathname === '/_setup') {
      const state = (body as { state?: unknown } | undefined)?.state;
      if (typeof state === 'string') states.push(state);
      if (state === 'model exists')
        models.set('123', {
          model_id: '123',
          name: 'fraud_detection',
          version: '1.0.0',
          status: 'active',
          framework: 'xgboost',
        });
      return send(res, 200, {});
    }
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'models') return send(res, 404, { error: 'not found' });

    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth) return send(res, 401, { error: 'authentication required' });
    if (auth[1] !== token) return send(res, 403, { error: 'the token is not valid for this registry' });

    if (req.method === 'GET' && parts.length === 1) return send(res, 200, { models: [...models.values()] });
    if (req.method === 'POST' && url.pathname === '/models/register') {
      const b = (body ?? {}) as Record<string, unknown>;
      if (typeof b.name !== 'string' || !ID.test(b.name) || typeof b.version !== 'string')
        return send(res, 400, { error: '`name` (an id) and `version` are required' });
      const model: Model = {
        model_id: `m-${next++}`,
        name: b.name,
        version: b.version,
        status: 'active',
        framework: typeof b.framework === 'string' ? b.framework : null,
      };
      models.set(model.model_id, model);
      return send(res, 201, model);
    }
    if (req.method !== 'GET' || parts.length > 3) return send(res, 404, { error: 'not found' });
    let id: string;
    try {
      id = decodeURIComponent(parts[1] as string);
    } catch {
      id = '';
    }
    // Ids are checked before they reach a query: what is not an id is refused, without being echoed.
    if (!ID.test(id)) return send(res, 400, { error: 'invalid model id' });
    const model = models.get(id);
    if (parts.length === 3 && parts[2] !== 'versions') return send(res, 404, { error: 'not found' });
    if (!model) return send(res, 404, { error: 'model not found' });
    if (parts.length === 2) return send(res, 200, model);
    return send(res, 200, {
      model_id: model.model_id,
      versions: [{ version: model.version, created_at: '2024-05-01T12:00:00Z' }],
    });
  };

  const server = await listenLoopback((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  return {
    ...server,
    states,
  };
}
