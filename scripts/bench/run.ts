// `npm run bench [name…]`: runs scripts/bench/*.bench.ts, prints a table and writes bench/results/<name>.json
// ({ name, value, unit, baseline, ratio, target, pass, machine }). Exit code 1 when a target is missed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchOutcome, type Benchmark, machine } from './harness.ts';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'bench/results');
const only = new Set(process.argv.slice(2));

const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
const results: BenchOutcome[] = [];
const m = machine();
fs.mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { benchmarks?: Benchmark[] };
  for (const bench of mod.benchmarks ?? []) {
    if (only.size > 0 && !only.has(bench.name)) continue;
    process.stderr.write(`bench ${bench.name} …\n`);
    const t = performance.now();
    for (const outcome of await bench.run()) {
      results.push(outcome);
      fs.writeFileSync(path.join(outDir, `${outcome.name}.json`), `${JSON.stringify({ ...outcome, machine: m }, null, 2)}\n`);
    }
    process.stderr.write(`bench ${bench.name}: done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
}

const fmt = (v: number | null) => (v === null ? '–' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
const rows = results.map((r) => [r.name, `${fmt(r.value)} ${r.unit}`, fmt(r.baseline), fmt(r.ratio), r.target, r.pass ? 'pass' : 'FAIL']);
const head = ['benchmark', 'value', 'baseline', 'ratio', 'target', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`);
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log(`results in ${path.relative(process.cwd(), outDir) || '.'}/`);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
