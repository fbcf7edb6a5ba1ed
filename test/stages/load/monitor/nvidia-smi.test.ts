import { describe, expect, it } from 'vitest';
import { GPU_QUERY_ARGS, parseNvidiaSmiCsv } from '../../../../src/stages/load/monitor/index.js';

// Output recorded from nvidia-smi with GPU_QUERY_ARGS on a two-GPU server and on smaller cards.
const A100_PAIR = `0, NVIDIA A100-SXM4-80GB, 34, 0, 4, 81920, 61.23
1, NVIDIA A100-SXM4-80GB, 41, 87, 40211, 81920, 312.50
`;

describe('parseNvidiaSmiCsv', () => {
  it('asks for the fields it reads, without header or units', () => {
    expect(GPU_QUERY_ARGS).toEqual([
      '--query-gpu=index,name,temperature.gpu,utilization.gpu,memory.used,memory.total,power.draw',
      '--format=csv,noheader,nounits',
    ]);
  });

  it('reads one sample per GPU with the memory share worked out', () => {
    expect(parseNvidiaSmiCsv(A100_PAIR)).toEqual([
      {
        index: 0,
        name: 'NVIDIA A100-SXM4-80GB',
        temperatureC: 34,
        utilizationPct: 0,
        memoryUsedMb: 4,
        memoryTotalMb: 81920,
        memoryUsedPct: (4 / 81920) * 100,
        powerW: 61.23,
      },
      {
        index: 1,
        name: 'NVIDIA A100-SXM4-80GB',
        temperatureC: 41,
        utilizationPct: 87,
        memoryUsedMb: 40211,
        memoryTotalMb: 81920,
        memoryUsedPct: (40211 / 81920) * 100,
        powerW: 312.5,
      },
    ]);
  });

  it('reads [N/A] and [Not Supported] as unknown, not as 0', () => {
    const text = [
      '0, NVIDIA GeForce RTX 3060 Laptop GPU, 45, 3, 512, 6144, [N/A]',
      '1, Tesla K80, [Not Supported], [Not Supported], 0, [N/A], [Not Supported]',
    ].join('\r\n');
    const [laptop, k80] = parseNvidiaSmiCsv(text);
    expect(laptop).toMatchObject({ index: 0, temperatureC: 45, memoryUsedPct: (512 / 6144) * 100 });
    expect(laptop!.powerW).toBeUndefined();
    expect(k80).toEqual({
      index: 1,
      name: 'Tesla K80',
      temperatureC: undefined,
      utilizationPct: undefined,
      memoryUsedMb: 0,
      memoryTotalMb: undefined,
      memoryUsedPct: undefined,
      powerW: undefined,
    });
  });

  it('skips a header and messages, and keeps a name with a comma whole', () => {
    const text = [
      'index, name, temperature.gpu, utilization.gpu [%], memory.used [MiB], memory.total [MiB], power.draw [W]',
      'WARNING: infoROM is corrupted at gpu 0000:01:00.0',
      '0, Odd, Name, 50, 10, 100, 1000, 20',
      '',
    ].join('\n');
    expect(parseNvidiaSmiCsv(text)).toEqual([
      {
        index: 0,
        name: 'Odd, Name',
        temperatureC: 50,
        utilizationPct: 10,
        memoryUsedMb: 100,
        memoryTotalMb: 1000,
        memoryUsedPct: 10,
        powerW: 20,
      },
    ]);
    expect(parseNvidiaSmiCsv('No devices were found\n')).toEqual([]);
  });
});
