/**
 * API keys and tokens by their documented shapes: OpenAI `sk-…`, AWS access key ids `AKIA…`/`ASIA…`,
 * GitHub `ghp_…` (and gho/ghu/ghs/ghr) and `github_pat_…`, Slack `xox[bpars]-…`, Google `AIza…`, JWTs
 * (`eyJ….….…` whose header decodes to JSON) and `Bearer <token>` headers.
 */
import type { Detector } from '../types.js';

interface TokenShape {
  name: string;
  re: RegExp;
  valid?: (token: string) => boolean;
}

const hasMixedAlnum = (s: string) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s);

/** True when a JWT's first segment is base64url-encoded JSON (an object, as every JOSE header is). */
export function isJwt(token: string): boolean {
  const header = token.split('.')[0] ?? '';
  try {
    const json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json);
  } catch {
    return false;
  }
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

const SHAPES: TokenShape[] = [
  {
    name: 'bearer',
    re: /(?<![A-Za-z0-9_-])[Bb]earer[ \t]+[A-Za-z0-9._~+/-]{16,}=*(?![A-Za-z0-9._~+/=-])/g,
    valid: (t) => /[0-9]/.test(t) && /[A-Za-z]/.test(t.slice(7)),
  },
  {
    name: 'jwt',
    re: new RegExp(`${B}eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*${E}`, 'g'),
    valid: isJwt,
  },
  {
    name: 'openai',
    re: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}${E}`, 'g'),
    valid: (t) => hasMixedAlnum(t.slice(3)),
  },
  { name: 'aws', re: new RegExp(`${B}(?:AKIA|ASIA)[0-9A-Z]{16}${E}`, 'g') },
  {
    name: 'github',
    re: new RegExp(`${B}(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})${E}`, 'g'),
  },
  {
    name: 'slack',
    re: new RegExp(`${B}xox[bpars]-[A-Za-z0-9-]{10,}${E}`, 'g'),
    valid: (t) => /[0-9]/.test(t),
  },
  { name: 'google', re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g') },
];

/** Spans of every token shape in `text`, overlaps included (the caller keeps the leftmost longest). */
export function findApiKeys(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const shape of SHAPES) {
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(text); m !== null; m = shape.re.exec(text)) {
      if (!shape.valid || shape.valid(m[0])) out.push([m.index, m.index + m[0].length]);
    }
  }
  return out;
}

const PREFIX =
  /^(?:[Bb]earer[ \t]+|sk-(?:proj-|svcacct-|admin-)?|AKIA|ASIA|gh[pousr]_|github_pat_|xox[bpars]-|AIza|eyJ)/;

/** `sk-abc…wxyz` → `sk-…wxyz`: the documented prefix and the last four characters. */
export function maskApiKey(value: string): string {
  const prefix = PREFIX.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}

export const apiKey: Detector = {
  kind: 'api_key',
  prefilter: [
    '[Bb]earer[ \\t]+[A-Za-z0-9._~+/-]{16}',
    'eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.',
    'sk-[A-Za-z0-9_-]{20}',
    '(?:AKIA|ASIA)[0-9A-Z]{16}',
    'gh[pousr]_[A-Za-z0-9]{36}',
    'github_pat_[A-Za-z0-9_]{22}',
    'xox[bpars]-[A-Za-z0-9-]{10}',
    'AIza[0-9A-Za-z_-]{35}',
  ].join('|'),
  find: findApiKeys,
  mask: maskApiKey,
};
