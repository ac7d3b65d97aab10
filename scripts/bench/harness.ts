// The contract between `npm run bench` (scripts/bench/run.ts) and each benchmark module in scripts/bench/*.bench.ts.
// A module exports `benchmarks`: each measures our code AND a baseline in the same run on the same machine, so the
// ratio says something even when the machine is slower or busier than usual.
import os from 'node:os';

export interface BenchOutcome {
  /** File name under bench/results/, e.g. 'los' → bench/results/los.json. */
  name: string;
  value: number;
  unit: string;
  /** The same quantity for the baseline measured in this run (e.g. a bare three-mesh-bvh loop). */
  baseline: number | null;
  /** value ÷ baseline, or the reverse where the issue defines it so; stated in `ratioMeaning`. */
  ratio: number | null;
  /** Human-readable target, e.g. 'ratio ≥ 0.8' or 'value < 10 s'. */
  target: string;
  pass: boolean;
  ratioMeaning?: string;
  notes?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchOutcome[]>;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Median of `runs` timings of fn in milliseconds, after `warmup` untimed runs. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
