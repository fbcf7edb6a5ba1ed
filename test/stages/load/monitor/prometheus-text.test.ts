import { describe, expect, it } from 'vitest';
import {
  matchesMetric,
  parsePrometheusText,
  parseValue,
  seriesKey,
} from '../../../../src/stages/load/monitor/index.js';

// The example page of the Prometheus exposition-format documentation.
const DOCS_EXAMPLE = String.raw`# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# Finally a summary, which has a complex representation, too:
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
`;

function byKey(text: string): Record<string, number> {
  return Object.fromEntries(
    parsePrometheusText(text).samples.map((s) => [seriesKey(s.name, s.labels), s.value]),
  );
}

describe('parsePrometheusText', () => {
  it('reads the documentation example: escapes, timestamps, +Inf, histograms and summaries', () => {
    const page = parsePrometheusText(DOCS_EXAMPLE);
    expect(page.errors).toEqual([]);
    expect(page.types).toEqual({
      http_requests_total: 'counter',
      http_request_duration_seconds: 'histogram',
      rpc_duration_seconds: 'summary',
    });
    expect(page.samples).toHaveLength(14);
    expect(page.samples[0]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '200' },
      value: 1027,
      timestamp: 1395066363000,
    });
    expect(page.samples[2]).toEqual({
      name: 'msdos_file_access_time_seconds',
      labels: { path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' },
      value: 1.458255915e9,
    });
    expect(page.samples[4]).toEqual({
      name: 'something_weird',
      labels: { problem: 'division by zero' },
      value: Number.POSITIVE_INFINITY,
      timestamp: -3982045,
    });
    const values = byKey(DOCS_EXAMPLE);
    expect(values['http_requests_total{code="400",method="post"}']).toBe(3);
    expect(values.metric_without_timestamp_and_labels).toBe(12.47);
    expect(values['http_request_duration_seconds_bucket{le="+Inf"}']).toBe(144320);
    expect(values.http_request_duration_seconds_count).toBe(144320);
    expect(values['rpc_duration_seconds{quantile="0.99"}']).toBe(76656);
    expect(values.rpc_duration_seconds_sum).toBe(17560473);
  });

  it('keys label sets sorted and escaped, so the key reads like the exposition and parses back', () => {
    const key =
      'msdos_file_access_time_seconds{error="Cannot find file:\\n\\"FILE.TXT\\"",path="C:\\\\DIR\\\\FILE.TXT"}';
    expect(Object.keys(byKey(DOCS_EXAMPLE))).toContain(key);
    const again = parsePrometheusText(`${key} 1`).samples[0]!;
    expect(seriesKey(again.name, again.labels)).toBe(key);
  });

  it('reads what real servers write: colons, NaN, -Inf, trailing commas, spaces, CRLF, exemplars', () => {
    const text = [
      '# HELP vllm:num_requests_running Number of requests in model execution batches.',
      '# TYPE vllm:num_requests_running gauge',
      'vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-8B"} 12.0',
      'vllm:gpu_cache_usage_perc{model_name="m",} 0.4375\r',
      'tgi_queue_size 0',
      'weird_value NaN',
      'low{a="x"} -Inf',
      'spaced { a = "1" , b="2" } 7',
      'tricky{v="a } b # c, d=\\"e\\""} 5 # {trace_id="abc"} 1.0 1690000000.000',
      'empty_labels{} 3',
      'sci 1E-3',
      '# EOF',
    ].join('\n');
    const page = parsePrometheusText(text);
    expect(page.errors).toEqual([]);
    const values = byKey(text);
    expect(values['vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-8B"}']).toBe(12);
    expect(values['vllm:gpu_cache_usage_perc{model_name="m"}']).toBe(0.4375);
    expect(values.tgi_queue_size).toBe(0);
    expect(values.weird_value).toBeNaN();
    expect(values['low{a="x"}']).toBe(Number.NEGATIVE_INFINITY);
    expect(values['spaced{a="1",b="2"}']).toBe(7);
    expect(page.samples.find((s) => s.name === 'tricky')).toEqual({
      name: 'tricky',
      labels: { v: 'a } b # c, d="e"' },
      value: 5,
    });
    expect(values.empty_labels).toBe(3);
    expect(values.sci).toBe(0.001);
  });

  it('skips malformed lines with their line numbers and keeps the rest', () => {
    const text = [
      'good 1',
      'no_value',
      'bad_value abc',
      'empty_value{a="b"} ',
      'unterminated{a="b} 1',
      'missing_eq{a "b"} 1',
      '9starts_with_digit 1',
      'too many 1 2 3',
      'dash-name 1',
      'glued{a="b"}1',
      'also_good 2',
    ].join('\n');
    const page = parsePrometheusText(text);
    expect(page.samples.map((s) => s.name)).toEqual(['good', 'glued', 'also_good']);
    expect(page.errors).toEqual([
      'line 2: no value for no_value',
      'line 3: bad value "abc" for bad_value',
      'line 4: no value for empty_value',
      'line 5: unterminated value for label a',
      'line 6: expected = after label a',
      'line 7: expected a metric name',
      'line 8: bad value "many" for too',
      'line 9: unexpected "-" after the metric name',
    ]);
  });
});

describe('parseValue', () => {
  it('reads Go float syntax and refuses what Number() would quietly turn into 0', () => {
    expect(parseValue('1')).toBe(1);
    expect(parseValue('-1.5e3')).toBe(-1500);
    expect(parseValue('.5')).toBe(0.5);
    expect(parseValue('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseValue('Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseValue('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseValue('NaN')).toBeNaN();
    expect(parseValue('')).toBeUndefined();
    expect(parseValue('0x10')).toBeUndefined();
    expect(parseValue('1,5')).toBeUndefined();
  });
});

describe('matchesMetric', () => {
  it('selects exact names, the series of a listed family, and prefixes ending in *', () => {
    expect(matchesMetric('tgi_queue_size', ['tgi_queue_size'])).toBe(true);
    expect(matchesMetric('tgi_queue_size_x', ['tgi_queue_size'])).toBe(false);
    expect(matchesMetric('ttft_seconds_bucket', ['ttft_seconds'])).toBe(true);
    expect(matchesMetric('ttft_seconds_count', ['ttft_seconds'])).toBe(true);
    expect(matchesMetric('vllm:anything', ['vllm:*'])).toBe(true);
    expect(matchesMetric('tgi_anything', ['vllm:*'])).toBe(false);
    expect(matchesMetric('whatever', ['*'])).toBe(true);
  });
});
