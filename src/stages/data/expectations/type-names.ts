/**
 * Type names for expect_column_values_to_be_of_type / _in_type_list. A name is matched case-insensitively:
 * first against these aliases, each standing for a family of DuckDB types; otherwise it must equal the
 * column's DuckDB type (BIGINT, SMALLINT, DECIMAL(10,2), UUID, BLOB, ...), with bare DECIMAL matching
 * any precision.
 *
 * | alias                                                        | DuckDB types                        |
 * |--------------------------------------------------------------|-------------------------------------|
 * | int, integer, int8..int64, uint8..uint64, long, short        | TINYINT..HUGEINT, UTINYINT..UHUGEINT |
 * | float, double, real, float32, float64                        | FLOAT, DOUBLE                       |
 * | decimal, numeric                                             | DECIMAL(p,s)                        |
 * | number                                                       | any integer, float or decimal type  |
 * | str, string, text, varchar                                   | VARCHAR                             |
 * | bool, boolean                                                | BOOLEAN                             |
 * | date                                                         | DATE                                |
 * | timestamp, datetime, datetime64, datetime64[ns], timestamptz | TIMESTAMP (any precision, with TZ)  |
 * | time                                                         | TIME                                |
 */
import { type Family, family } from './sql.js';

const ALIASES: Record<string, readonly Family[]> = {};
const alias = (names: string[], families: Family[]) => {
  for (const n of names) ALIASES[n] = families;
};
alias(
  [
    'int',
    'integer',
    'int8',
    'int16',
    'int32',
    'int64',
    'uint8',
    'uint16',
    'uint32',
    'uint64',
    'long',
    'short',
  ],
  ['integer'],
);
alias(['float', 'double', 'real', 'float32', 'float64'], ['float']);
alias(['decimal', 'numeric'], ['decimal']);
alias(['number'], ['integer', 'float', 'decimal']);
alias(['str', 'string', 'text', 'varchar'], ['string']);
alias(['bool', 'boolean'], ['boolean']);
alias(['date'], ['date']);
alias(['timestamp', 'datetime', 'datetime64', 'datetime64[ns]', 'timestamptz'], ['timestamp']);
alias(['time'], ['time']);

const norm = (t: string) =>
  t
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1');

/** True when the column's DuckDB type is the type `name` stands for. */
export function typeMatches(columnType: string, name: string): boolean {
  const families = ALIASES[name.trim().toLowerCase()];
  if (families) return families.includes(family(columnType));
  return norm(columnType) === norm(name) || (norm(name) === 'DECIMAL' && family(columnType) === 'decimal');
}
