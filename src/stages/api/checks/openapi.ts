/**
 * openapi: the target answers as its OpenAPI 3.0/3.1 document says. Each selected operation gets a request
 * built from the document's examples; the status, content type and body (against the schema, with ajv)
 * must be documented. Every mismatch names the operation, method, path, status and the schema error.
 */
import path from 'node:path';
import type { HttpEvidence } from '../../../run/events.js';
import type { ApiCheck } from '../common.js';
import { OpenApiDocument } from '../openapi/document.js';
import { listOperations, selectOperations } from '../openapi/operations.js';
import { SchemaValidator } from '../openapi/schema.js';
import { responseProblems } from '../openapi/validate.js';

/** Problems spelled out in the one-line message; all of them are in the evidence. */
const IN_MESSAGE = 3;

interface OperationResult {
  id: string;
  request: string;
  status?: number;
  result: 'pass' | 'fail';
  problems: string[];
  evidence?: HttpEvidence;
}

export const openapiCheck: ApiCheck<'openapi'> = async (api, opts) => {
  const file = path.resolve(api.ctx.suiteDir, opts.spec);
  const doc = await OpenApiDocument.load(file, path.relative(process.cwd(), file) || file);
  const { run, skipped } = selectOperations(doc, listOperations(doc), opts.operations);
  const schemas = new SchemaValidator(doc);
  const results: OperationResult[] = [];
  for (const { op, request } of run) {
    if (api.ctx.signal.aborted) break;
    if (typeof request === 'string') {
      results.push({
        id: op.id,
        request: `${op.method} ${op.path}`,
        result: 'fail',
        problems: [`cannot build a request: ${request}`],
      });
      continue;
    }
    const label = `${request.method} ${request.target}`;
    let res: Awaited<ReturnType<typeof api.target.client.request>>;
    try {
      res = await api.target.client.request(request.method, request.target, request.body, {
        signal: api.ctx.signal,
        headers: request.headers,
      });
    } catch (err) {
      if (api.ctx.signal.aborted) throw err;
      const e = err as Error & { evidence?: HttpEvidence };
      results.push({
        id: op.id,
        request: label,
        result: 'fail',
        problems: [`the request failed: ${e.message.split('\n')[0]}`],
        ...(e.evidence ? { evidence: e.evidence } : {}),
      });
      continue;
    }
    api.ctx.metric('api.latency_ms', 'trend', res.timings.endMs, { check: 'openapi', operation: op.id });
    const problems = responseProblems(doc, schemas, op, res);
    results.push({
      id: op.id,
      request: label,
      status: res.status,
      result: problems.length === 0 ? 'pass' : 'fail',
      problems,
      evidence: res.evidence,
    });
  }

  api.ctx.table(
    `OpenAPI ${opts.spec}`,
    ['operation', 'request', 'status', 'result', 'first problem'],
    [
      ...results.map((r) => [r.id, r.request, r.status ?? null, r.result, r.problems[0] ?? '']),
      ...skipped.map(({ op, reason }) => [op.id, `${op.method} ${op.path}`, null, 'skipped', reason]),
    ],
  );
  const failed = results.filter((r) => r.result === 'fail');
  const metrics = {
    operations: results.length,
    passed: results.length - failed.length,
    failed: failed.length,
    skipped: skipped.length,
  };
  const details = {
    spec: opts.spec,
    openapi: doc.version,
    operations: results.map((r) => ({
      operation: r.id,
      request: r.request,
      ...(r.status === undefined ? {} : { status: r.status }),
      result: r.result,
      problems: r.problems,
      ...(r.evidence?.curl ? { curl: r.evidence.curl } : {}),
    })),
    skipped: skipped.map(({ op, reason }) => ({
      operation: op.id,
      request: `${op.method} ${op.path}`,
      reason,
    })),
  };
  if (results.length === 0) {
    return {
      status: 'skip',
      message: `no operation of ${opts.spec} could be checked: ${skipped.map((s) => `${s.op.id} (${s.reason})`).join('; ') || 'it has none'}. Add examples, or list operationIds under \`operations\``,
      metrics,
      evidence: { details },
    };
  }
  const skippedNote = skipped.length > 0 ? `; ${skipped.length} skipped (see the evidence)` : '';
  if (failed.length === 0) {
    const nonOk = results.filter((r) => (r.status ?? 200) >= 300).length;
    const documentedErrors = nonOk > 0 ? ` (${nonOk} answered a documented non-2xx status)` : '';
    return {
      status: 'pass',
      message: `${results.length} operation(s) answer as ${opts.spec} documents${documentedErrors}${skippedNote}`,
      metrics,
      evidence: { details },
    };
  }
  const lines = failed.map((r) => {
    const shown = r.problems.slice(0, IN_MESSAGE);
    const more = r.problems.length - shown.length;
    const status = r.status === undefined ? '' : ` → ${r.status}`;
    return `${r.id} ${r.request}${status}: ${shown.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}`;
  });
  const first = failed[0] as OperationResult;
  return {
    status: 'fail',
    message: `${failed.length} of ${results.length} operation(s) do not match ${opts.spec}: ${lines.join('; ')}${skippedNote}`,
    metrics,
    evidence: { ...(first.evidence ?? {}), details },
  };
};
