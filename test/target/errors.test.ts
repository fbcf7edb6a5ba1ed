import { describe, expect, it } from 'vitest';
import { parseApiError, TargetHttpError, TargetTimeoutError } from '../../src/target/errors.js';

const where = { method: 'POST', url: 'http://10.0.0.5:8000/v1/chat/completions' };

describe('target errors', () => {
  it('parses OpenAI, string and vLLM-style error bodies', () => {
    expect(parseApiError({ error: { message: 'm', type: 't', param: 'p', code: 'c' } })).toEqual({
      message: 'm',
      type: 't',
      param: 'p',
      code: 'c',
    });
    expect(parseApiError({ error: 'plain' })).toEqual({ message: 'plain' });
    expect(
      parseApiError({ object: 'error', message: 'vllm says', type: 'BadRequestError', code: 400 }),
    ).toMatchObject({
      message: 'vllm says',
      code: 400,
    });
    expect(parseApiError({ detail: 'Not Found' })).toBeUndefined();
    expect(parseApiError('text')).toBeUndefined();
  });

  it('says what failed, where, and what to try; bad credentials exit 2', () => {
    const e401 = new TargetHttpError({
      ...where,
      status: 401,
      excerpt: '',
      apiError: { message: 'Invalid key' },
    });
    expect(e401.message).toBe(
      'POST http://10.0.0.5:8000/v1/chat/completions returned HTTP 401: "Invalid key". ' +
        'Check the API key (the target apiKey, often read from OPENAI_API_KEY) and that it may use this model.',
    );
    expect(e401.exitCode).toBe(2);
    expect(new TargetHttpError({ ...where, status: 500, excerpt: '' }).exitCode).toBe(3);
  });

  it('shows the text of an HTML error page, not its markup', () => {
    const html =
      '<html><head><style>b{}</style><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const err = new TargetHttpError({ ...where, status: 502, excerpt: html, attempts: 3 });
    expect(err.message).toContain('returned HTTP 502 (after 3 attempts): body: 502 Bad Gateway nginx.');
    expect(err.excerpt).toBe(html);
  });

  it('names the limit that ran out and the setting to raise', () => {
    const err = new TargetTimeoutError({ ...where, phase: 'idle', limitMs: 30_000, elapsedMs: 41_234.5 });
    expect(err.code).toBe('E_TARGET_TIMEOUT');
    expect(err.message).toContain('timed out after 41235ms (idle limit 30000ms)');
    expect(err.message).toContain('timeouts.idleMs');
  });
});
