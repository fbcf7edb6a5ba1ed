/**
 * `gauntlet eval FILE`: runs one eval file ad hoc. The file holds an eval stage's options (prompt, cases,
 * defaultAssert, checklist, bias, safety, ...) and optionally a `target:`; flags give or override the
 * target. The file is validated with the suite's machinery, so problems point at its own lines.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { evalFileSchema } from '../../config/eval-file.js';
import { collectSecrets, type LoadedSuite, parseConfig } from '../../config/load.js';
import { suiteSchema } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';
import { executeSuite, type RunFlags } from './run.js';

export interface EvalFlags extends Pick<RunFlags, 'reporter' | 'out' | 'quiet' | 'verbose' | 'ci'> {
  targetUrl?: string;
  model?: string;
  apiKey?: string;
}

/** Runs an eval file; returns the exit code. */
export async function evalCommand(file: string, flags: EvalFlags, io: CliIO): Promise<number> {
  try {
    const full = path.resolve(io.cwd, file);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (cause) {
      throw new UsageError(`cannot read eval file ${file}: ${(cause as Error).message}`, { cause });
    }
    if (/^stages:/m.test(text))
      throw new UsageError(
        `${file} is a whole suite (it has \`stages:\`); run it with \`gauntlet run ${file}\``,
      );
    const { raw, display, usedVars } = parseConfig(
      text,
      full,
      evalFileSchema,
      io.env,
      'an eval file is a YAML mapping with `cases` (and a `prompt`)',
    );
    const { name, description: _d, target: fileTarget, ...stage } = raw;
    const target = flags.targetUrl
      ? {
          type: 'openai',
          baseUrl: flags.targetUrl,
          model: flags.model ?? (fileTarget as { model?: string } | undefined)?.model,
          ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
        }
      : fileTarget;
    if (!target) throw new UsageError(`${file} has no \`target:\`; pass --target-url URL --model NAME`);
    if (!(target as { model?: string }).model)
      throw new UsageError('the target needs a model: pass --model NAME');
    const suite = suiteSchema.parse({
      name: name ?? path.basename(file),
      target,
      stages: [{ kind: 'eval', name: 'eval', ...stage }],
      report: { reporters: ['console', 'json', 'junit', 'markdown'] },
    });
    const loaded: LoadedSuite = {
      suite,
      file: display,
      dir: path.dirname(full),
      hash: createHash('sha256').update(text).digest('hex'),
      secrets: collectSecrets(suite, usedVars, io.env),
    };
    return await executeSuite(loaded, flags, io);
  } catch (err) {
    return reportError(err, io);
  }
}
