/**
 * contract: the provider honours a Pact-style contract. Each interaction's provider states are set up
 * (POST to `setupUrl`), its request is sent as written, and the response is matched with the contract's
 * rules; every mismatch names the interaction, the JSON path, expected vs actual, and a curl line.
 */
import path from 'node:path';
import { loadContractFile } from '../../../config/contract-file.js';
import type { ApiCheck } from '../common.js';
import { type InteractionResult, verifyInteraction } from '../contract/verify.js';

/** Mismatches spelled out in the one-line message; every one is in the evidence. */
const IN_MESSAGE = 3;

export const contractCheck: ApiCheck<'contract'> = async (api, opts) => {
  const file = path.resolve(api.ctx.suiteDir, opts.file);
  const contract = await loadContractFile(file, path.relative(process.cwd(), file) || file);
  const results: InteractionResult[] = [];
  for (const it of contract.interactions) {
    if (api.ctx.signal.aborted) break;
    results.push(
      await verifyInteraction(contract, it, {
        client: api.target.client,
        signal: api.ctx.signal,
        ...(opts.setupUrl ? { setupUrl: opts.setupUrl } : {}),
      }),
    );
  }
  const failed = results.filter((r) => r.status !== 'pass');
  const ignored = results.reduce((n, r) => n + r.statesIgnored, 0);
  const setUp = results.reduce((n, r) => n + r.statesSetUp, 0);
  if (ignored > 0)
    api.ctx.log(
      'warn',
      `contract ${opts.file}: ${ignored} provider state(s) named but not set up; set \`setupUrl\` on the contract check so the provider can prepare them`,
    );
  api.ctx.table(
    `contract ${contract.consumer} → ${contract.provider}`,
    ['interaction', 'request', 'result', 'first mismatch'],
    results.map((r) => [r.description, r.request, r.status, firstProblem(r) ?? '']),
  );
  const metrics = {
    interactions: results.length,
    passed: results.length - failed.length,
    failed: failed.length,
    mismatches: results.reduce((n, r) => n + r.mismatches.length, 0),
  };
  const details = {
    contract: opts.file,
    consumer: contract.consumer,
    provider: contract.provider,
    interactions: results.map((r) => ({
      description: r.description,
      request: r.request,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      mismatches: r.mismatches,
      ...(r.evidence?.curl ? { curl: r.evidence.curl } : {}),
    })),
  };
  if (failed.length === 0) {
    const states = setUp > 0 ? ` (${setUp} provider state(s) set up)` : '';
    const unset = ignored > 0 ? `; ${ignored} provider state(s) not set up: no setupUrl` : '';
    return {
      status: 'pass',
      message: `${contract.provider} honours all ${results.length} interaction(s) of ${contract.consumer}'s contract${states}${unset}`,
      metrics,
      evidence: { details },
    };
  }
  const lines = failed.map((r) => `"${r.description}" ${r.request}: ${describe(r)}`);
  const head = `${failed.length} of ${results.length} interaction(s) of ${contract.consumer}'s contract broken`;
  const first = failed[0] as InteractionResult;
  return {
    status: 'fail',
    message: `${head}: ${lines.join('; ')}`,
    metrics,
    evidence: { ...(first.evidence ?? {}), details },
  };
};

function describe(r: InteractionResult): string {
  if (r.error) return r.error;
  const shown = r.mismatches
    .slice(0, IN_MESSAGE)
    .map((m) => `${m.path} expected ${m.expected}, got ${m.actual}`);
  const more = r.mismatches.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}

function firstProblem(r: InteractionResult): string | undefined {
  if (r.error) return r.error;
  const m = r.mismatches[0];
  return m ? `${m.path}: expected ${m.expected}, got ${m.actual}` : undefined;
}
