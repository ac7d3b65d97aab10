// Generates the synthetic municipality Demostad and writes it as GeoJSON (RD New), one file per layer.
//   npx tsx scripts/generate-demo.ts [--seed N] [--scale S] [--out DIR]
import { parseArgs } from 'node:util';
import { generateDemostad } from '../server/demo/generate-demostad.ts';
import { writeMunicipalityGeoJson } from '../server/demo/write-geojson.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    scale: { type: 'string', default: '1' },
    out: { type: 'string', default: 'data/generated/demostad-geojson' },
  },
});
const seed = Number(values.seed);
const scale = Number(values.scale);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);

const started = performance.now();
const elapsedS = (): string => ((performance.now() - started) / 1000).toFixed(2);
const municipality = generateDemostad({ seed, scale, onStep: (name) => process.stderr.write(`[${elapsedS()} s] ${name}\n`) });
const generatedS = elapsedS();
process.stderr.write(`[${elapsedS()} s] writing GeoJSON to ${values.out}\n`);
const paths = await writeMunicipalityGeoJson(municipality, values.out);

console.log(`Demostad (seed ${seed}, scale ${scale}) generated in ${generatedS} s`);
console.log(`  buildings  ${municipality.buildings.length}`);
console.log(`  addresses  ${municipality.addresses.length}`);
console.log(`  streets    ${municipality.streets.length}`);
console.log(`  areas      ${municipality.areas.length}`);
console.log(`  buurten    ${municipality.buurten.length}`);
console.log(`wrote ${paths.length} files in ${elapsedS()} s:`);
for (const p of paths) console.log(`  ${p}`);
