// Real IMOW sample files (Geonovum/TPOD, see shared/fixtures/SOURCES.md "imow/") through the importer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGioGeometries } from '../../server/omgevingsplan/gio-geometry.ts';
import { importImowFiles } from '../../server/omgevingsplan/import-imow.ts';

const DIR = path.resolve(import.meta.dirname, '../../../shared/fixtures/imow');
const present = fs.existsSync(DIR);
if (!present) console.warn(`IMOW fixtures skipped: ${DIR} does not exist (shared/fixtures is not checked out beside the repo)`);
const test = present ? it : it.skip;

const read = (name: string) => ({ name, text: fs.readFileSync(path.join(DIR, name), 'utf8') });
const all = () => (present ? fs.readdirSync(DIR).sort().map(read) : []);
const amersfoort = () => all().filter((f) => f.name.startsWith('amersfoort-'));

describe('IMOW fixtures', () => {
  test('every file imports as part of one delivery', () => {
    const { plan, warnings } = importImowFiles(all());
    expect(plan.meta.bevoegdGezag).toBe('gm0307');
    expect(warnings.some((w) => w.includes('not referenced by any Locatie'))).toBe(true);
  });

  test('each self-contained file imports on its own', () => {
    for (const name of ['amersfoort-gm0307Activiteiten_Geonovum.xml', 'amersfoort-gm0307Locaties_Geonovum.xml', 'amersfoort-manifest-ow.xml']) {
      expect(() => importImowFiles([read(name)]), name).not.toThrow();
    }
    expect(readGioGeometries('BOPA-voorbeeld.gml', read('BOPA-voorbeeld.gml').text).geometries.size).toBe(1);
  });

  test('the Regelingsgebied without the Locaties file fails, naming file, line and the missing reference', () => {
    expect(() => importImowFiles([read('amersfoort-gm0307Regelingsgebied_Geonovum.xml')])).toThrow(
      /amersfoort-gm0307Regelingsgebied_Geonovum\.xml line 29\): locatieRef nl\.imow-gm0307\.ambtsgebied\.amersfoort does not resolve/,
    );
  });

  test('Amersfoort: 91 activiteiten with parent references', () => {
    const { plan, warnings } = importImowFiles(amersfoort());
    expect(plan.activiteiten).toHaveLength(91);
    expect(plan.activiteiten.every((a) => a.bovenliggendeActiviteit)).toBe(true);
    const acculader = plan.activiteiten.find((a) => a.identificatie === 'nl.imow-gm0307.activiteit.AcculaderInWerkingHebbenNw');
    expect(acculader).toEqual({
      identificatie: 'nl.imow-gm0307.activiteit.AcculaderInWerkingHebbenNw',
      naam: 'Acculader in werking hebben',
      groep: 'http://standaarden.omgevingswet.overheid.nl/activiteit/id/concept/MilieubelastendeActiviteit',
      bovenliggendeActiviteit: 'nl.imow-gm0307.activiteit.MilieubelastendeActNw',
    });
    // The one parent owned by the Rijk (mnre1034) is not in the delivery: a warning, not an error.
    expect(warnings.some((w) => w.includes('nl.imow-mnre1034.activiteit.ActInOmgevingsplan'))).toBe(true);
  });

  test('Amersfoort: one Ambtsgebied GM0307 without geometry, referenced by the Regelingsgebied', () => {
    const { plan, warnings } = importImowFiles(amersfoort());
    expect(plan.locaties).toEqual([
      { identificatie: 'nl.imow-gm0307.ambtsgebied.amersfoort', type: 'Ambtsgebied', noemer: 'amersfoort', geometrie: null, bestuurlijkeGrenzenId: 'GM0307' },
    ]);
    expect(plan.regelingsgebieden).toEqual([{ identificatie: 'nl.imow-gm0307.regelingsgebied.2020000001', locatieRefs: ['nl.imow-gm0307.ambtsgebied.amersfoort'] }]);
    expect(warnings.some((w) => w.includes('Ambtsgebied') && w.includes('no geometry'))).toBe(true);
  });

  test('Amersfoort: the manifest names a Regeltekst file that is absent, as a warning', () => {
    const { plan, warnings } = importImowFiles(amersfoort());
    expect(warnings).toContain('amersfoort-manifest-ow.xml lists gm0307Regeltekst_Geonovum.xml, which is not in the delivery; its objects are missing');
    expect(plan.meta.naam).toBe('omgevingsplanamersfoort');
    expect(plan.meta.date).toBe('2021-03-23');
  });

  test('BOPA-voorbeeld.gml: one MultiSurface of two polygons, each with a hole, in RD New', () => {
    const f = read('BOPA-voorbeeld.gml');
    const { geometries, warnings } = readGioGeometries(f.name, f.text);
    expect(warnings).toEqual([]);
    expect([...geometries.keys()]).toEqual(['6009ae06-d459-41d8-b21c-fccfb27d527f']);
    const g = geometries.get('6009ae06-d459-41d8-b21c-fccfb27d527f')!;
    expect(g.type).toBe('MultiPolygon');
    const polys = g.coordinates as [number, number][][][];
    expect(polys.map((p) => p.length)).toEqual([2, 2]);
    expect(polys[0][0][0]).toEqual([248252.359, 575448.997]);
    for (const [x, y] of polys.flat(2)) {
      expect(Math.abs(x - 248000)).toBeLessThan(1000);
      expect(Math.abs(y - 575000)).toBeLessThan(1000);
    }
  });
});
