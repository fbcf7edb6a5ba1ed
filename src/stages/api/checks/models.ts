/**
 * models: GET /models has the OpenAI shape, `{object: "list", data: [{id, object: "model", created,
 * owned_by}]}` served as JSON, and lists the target's model. Problems are counted per field across the
 * list so a hundred bad entries make one line, with the first offender named.
 */
import { judge } from '../../smoke/common.js';
import { isPlainObject, preview } from '../bodies.js';
import type { ApiCheck } from '../common.js';
import { isJsonContentType } from '../error-body.js';

/** Per-entry problems, one line per kind with how many entries have it. */
function entryProblems(data: unknown[]): string[] {
  const kinds = new Map<string, { count: number; first: string }>();
  const note = (kind: string, where: string) => {
    const k = kinds.get(kind);
    if (k) k.count++;
    else kinds.set(kind, { count: 1, first: where });
  };
  for (const [i, m] of data.entries()) {
    const where = `data[${i}]`;
    if (!isPlainObject(m)) {
      note('is not an object', `${where} is ${preview(m, 40)}`);
      continue;
    }
    const label = typeof m.id === 'string' ? `${where} (${JSON.stringify(m.id)})` : where;
    if (typeof m.id !== 'string' || m.id === '')
      note('has no id string', `${where}.id is ${preview(m.id, 40)}`);
    if (m.object !== 'model')
      note('has object other than "model"', `${label}.object is ${preview(m.object, 40)}`);
    if (m.created !== undefined && !(Number.isInteger(m.created) && (m.created as number) >= 0))
      note('has a created that is not Unix seconds', `${label}.created is ${preview(m.created, 40)}`);
    if (m.owned_by !== undefined && typeof m.owned_by !== 'string')
      note('has an owned_by that is not a string', `${label}.owned_by is ${preview(m.owned_by, 40)}`);
  }
  return [...kinds].map(([kind, { count, first }]) =>
    count === 1
      ? `${first}, expected the OpenAI model shape`
      : `${count} of ${data.length} entries ${kind} (first: ${first})`,
  );
}

export const modelsCheck: ApiCheck<'models'> = async (api) => {
  const { client, model } = api.target;
  const res = await client.request('GET', '/models', undefined, { signal: api.ctx.signal });
  const evidence = {
    ...res.evidence,
    details: { status: res.status, body: res.evidence.response?.excerpt?.slice(0, 1000) ?? '' },
  };
  if (res.status !== 200) {
    return {
      status: 'fail',
      message: `GET /models answered ${res.status}, expected 200 with the model list; check that the server exposes /v1/models (baseUrl ${api.target.baseUrl})`,
      evidence,
    };
  }
  const problems: string[] = [];
  const type = res.headers['content-type'];
  if (!isJsonContentType(type))
    problems.push(`content-type is ${type ? JSON.stringify(type) : 'missing'}, expected application/json`);
  const json = res.json;
  let ids: string[] = [];
  if (!isPlainObject(json)) {
    problems.push(
      `the body is ${json === undefined ? 'not JSON' : `a JSON ${Array.isArray(json) ? 'array' : typeof json}`}, expected {"object": "list", "data": [...]}`,
    );
  } else {
    if (json.object !== 'list')
      problems.push(`top-level object is ${preview(json.object, 40)}, expected "list"`);
    if (!Array.isArray(json.data)) {
      problems.push(`"data" is ${preview(json.data, 40)}, expected an array of models`);
    } else {
      problems.push(...entryProblems(json.data));
      ids = json.data.filter(isPlainObject).map((m) => String(m.id));
      if (!ids.includes(model))
        problems.push(
          `model ${JSON.stringify(model)} is not listed (listed: ${
            ids.length
              ? ids
                  .slice(0, 8)
                  .map((i) => JSON.stringify(i))
                  .join(', ')
              : 'none'
          }); check target.model`,
        );
    }
  }
  return judge(
    problems,
    `GET /models lists ${ids.length} model${ids.length === 1 ? '' : 's'} in the OpenAI shape, ${JSON.stringify(model)} among them`,
    {
      evidence: { ...evidence, details: { ...evidence.details, models: ids } },
      metrics: { models: ids.length },
    },
  );
};
