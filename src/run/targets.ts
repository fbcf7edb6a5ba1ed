/**
 * Turns target configs into live targets: picks a port and launches the server when `launch` is set,
 * builds the client, and runs preflight (reachable? which models, context length, server version?).
 */

import path from 'node:path';
import type { Suite, TargetConfig } from '../config/schema.js';
import { GauntletError } from '../errors.js';
import { clientOptions } from '../stages/client-options.js';
import type { RuntimeTarget } from '../stages/types.js';
import { OpenAIClient } from '../target/index.js';
import { findFreePort, type LaunchedTarget, launchTarget, substitutePort } from '../target/launch/index.js';

export interface PreparedTarget {
  runtime: RuntimeTarget;
  launched?: LaunchedTarget;
}

/** The suite's targets, each with a name (`default` for a lone `target`). */
export function suiteTargets(suite: Suite): (TargetConfig & { name: string })[] {
  if (suite.targets) return suite.targets.map((t, i) => ({ ...t, name: t.name ?? `target${i + 1}` }));
  // A suite of local stages only (data) may have no target.
  if (!suite.target) return [];
  return [{ ...suite.target, name: suite.target.name ?? 'default' }];
}

/** Starts (if asked) and connects to one target. `urlOverride` (--target-url) skips launching. */
export async function prepareTarget(
  config: TargetConfig & { name: string },
  opts: { suiteDir: string; urlOverride?: string; signal: AbortSignal; onOutput?: (line: string) => void },
): Promise<PreparedTarget> {
  let baseUrl = (opts.urlOverride ?? config.baseUrl).replace(/\/+$/, '');
  let launched: LaunchedTarget | undefined;
  const launch = opts.urlOverride ? undefined : config.launch;
  if (launch) {
    const port = launch.port === 'auto' ? await findFreePort('127.0.0.1') : launch.port;
    const sub = (s: string) => substitutePort(s, port);
    baseUrl = sub(baseUrl);
    launched = await launchTarget(
      {
        command: typeof launch.command === 'string' ? sub(launch.command) : launch.command.map(sub),
        env: Object.fromEntries(Object.entries(launch.env).map(([k, v]) => [k, sub(v)])),
        cwd: path.resolve(opts.suiteDir, launch.cwd ?? '.'),
        ready: {
          url: sub(launch.ready.url ?? `${new URL(baseUrl).origin}/health`),
          timeoutMs: launch.ready.timeout,
          intervalMs: launch.ready.interval,
          ...(launch.ready.status === undefined ? {} : { expectStatus: launch.ready.status }),
        },
        shutdown: { signal: launch.shutdown.signal, timeoutMs: launch.shutdown.timeout },
        sampleIntervalMs: launch.sampleInterval,
      },
      {
        signal: opts.signal,
        ...(opts.onOutput ? { onOutput: (_stream: string, line: string) => opts.onOutput?.(line) } : {}),
      },
    );
  } else if (baseUrl.includes('{port}')) {
    throw new GauntletError(
      'E_TARGET_PORT',
      `target ${config.name}: baseUrl ${baseUrl} holds {port} but the target has no \`launch\`; write the real port, or add launch so Gauntlet starts the server`,
      { exitCode: 2 },
    );
  }

  const client = new OpenAIClient(clientOptions(config, baseUrl));
  const runtime: RuntimeTarget = {
    name: config.name,
    config,
    baseUrl,
    model: config.model ?? '',
    client,
    info: {},
  };
  try {
    runtime.info = await preflight(runtime, opts.signal);
  } catch (err) {
    await launched?.stop();
    throw err;
  }
  return { runtime, ...(launched ? { launched } : {}) };
}

/** Checks the target answers at all, and learns what it can about it. Unreachable = exit 3. */
async function preflight(t: RuntimeTarget, signal: AbortSignal): Promise<RuntimeTarget['info']> {
  const info: RuntimeTarget['info'] = {};
  try {
    const res = await t.client.request('GET', '/models', undefined, {
      signal,
      retry: { maxRetries: 1 },
      timeouts: { firstByteMs: 10_000 },
    });
    if (res.status === 200 && res.json && typeof res.json === 'object') {
      const data = (res.json as { data?: Record<string, unknown>[] }).data ?? [];
      info.models = data.map((m) => String(m.id));
      const mine = data.find((m) => m.id === t.model) ?? data[0];
      const ctx = Number(mine?.max_model_len ?? mine?.context_length ?? mine?.context_window ?? Number.NaN);
      if (Number.isFinite(ctx) && ctx > 0) info.contextLength = ctx;
    }
  } catch (err) {
    const code = err instanceof GauntletError ? err.code : '';
    if (code === 'E_TARGET_UNREACHABLE' || code === 'E_TARGET_TIMEOUT') {
      throw new GauntletError(
        'E_PREFLIGHT',
        `target ${t.name} is not reachable at ${t.baseUrl}: ${(err as Error).message}\n  Is the server running? Start it, add \`launch:\` to the target so Gauntlet starts it, or point elsewhere with --target-url.`,
        { exitCode: 3, cause: err },
      );
    }
    throw err;
  }
  const version = await serverVersion(t.baseUrl, signal);
  if (version) info.serverVersion = version;
  return info;
}

/** Asks the usual places (vLLM /version, TGI /info, /health) for a server version; best effort, 2 s each. */
async function serverVersion(baseUrl: string, signal: AbortSignal): Promise<string | undefined> {
  const origin = new URL(baseUrl).origin;
  const probes = ['/version', '/info', '/health'].map(async (p) => {
    const res = await fetch(`${origin}${p}`, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]),
    });
    if (!res.ok) return undefined;
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const v = body.version ?? body.server_version;
    const server = res.headers.get('server');
    return typeof v === 'string' ? v : (server ?? undefined);
  });
  for (const r of await Promise.allSettled(probes)) if (r.status === 'fulfilled' && r.value) return r.value;
  return undefined;
}
