/**
 * The nvidia-smi query the GPU sampler runs, and a parser for its CSV answer.
 */

/** Fields asked for, in the order the parser reads them. */
export const GPU_QUERY_ARGS: readonly string[] = [
  '--query-gpu=index,name,temperature.gpu,utilization.gpu,memory.used,memory.total,power.draw',
  '--format=csv,noheader,nounits',
];

/** One GPU at one moment; a field the GPU does not report (`[N/A]`, `[Not Supported]`) is undefined. */
export interface GpuSample {
  index: number;
  name: string;
  temperatureC?: number;
  utilizationPct?: number;
  memoryUsedMb?: number;
  memoryTotalMb?: number;
  memoryUsedPct?: number;
  powerW?: number;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;

/** Parses the CSV lines of GPU_QUERY_ARGS; lines that are not a GPU row (a header, a warning) are skipped. */
export function parseNvidiaSmiCsv(text: string): GpuSample[] {
  const gpus: GpuSample[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 7 || !/^\d+$/.test(fields[0] as string)) continue;
    // The name is the only free-text field; should it hold a comma, the numbers are still the last five.
    const [temperatureC, utilizationPct, memoryUsedMb, memoryTotalMb, powerW] = fields.slice(-5).map(field);
    const gpu: GpuSample = {
      index: Number(fields[0]),
      name: fields.slice(1, -5).join(', '),
      temperatureC,
      utilizationPct,
      memoryUsedMb,
      memoryTotalMb,
      memoryUsedPct:
        memoryUsedMb !== undefined && memoryTotalMb ? (memoryUsedMb / memoryTotalMb) * 100 : undefined,
      powerW,
    };
    gpus.push(gpu);
  }
  return gpus;
}

// Anything that is not a plain number ([N/A], [Not Supported], [Unknown Error], [GPU is lost]) is unknown.
function field(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}
