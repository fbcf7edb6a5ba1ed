/**
 * An expectation file for `gauntlet data validate TABLE --expectations FILE`: a Great Expectations suite
 * JSON (`{"expectations": [...]}`), or YAML with `expectations:` listing them in either spelling the
 * suite's `expect:` accepts. Errors carry file:line:column.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { parseConfig } from './load.js';
import {
  type ExpectationConfig,
  expectationListSchema,
  parseGeSuiteJson,
} from './stages/data-expectations.js';

const yamlFile = z.strictObject({ name: z.string().optional(), expectations: expectationListSchema });

/** Reads and validates an expectation file; throws ConfigError naming the file and place. */
export function loadExpectationFile(file: string, display = file): ExpectationConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      [
        {
          file: display,
          path: '',
          message: code === 'ENOENT' ? 'no such file' : `cannot be read: ${(err as Error).message}`,
        },
      ],
      { what: 'expectation file' },
    );
  }
  try {
    if (/\.json$/i.test(file)) return parseGeSuiteJson(text, display).expectations;
    return parseConfig(
      text,
      display,
      yamlFile,
      {},
      "an expectation file is a mapping with `expectations:` (a list, as under a table's `expect:`)",
    ).value.expectations;
  } catch (err) {
    if (err instanceof ConfigError)
      throw new ConfigError(err.problems, { cause: err, what: 'expectation file' });
    throw err;
  }
}
