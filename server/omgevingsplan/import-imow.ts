// An IMOW delivery (the OW part of an omgevingsplan: OW-bestanden, manifest-ow.xml and the GIO geometry files)
// → one validated Omgevingsplan. Files are given by name and text; reading them from disk is the command's job.
// Errors name the file and, for OW objects, the line of the object's identificatie.
import { InvalidParameter } from '../errors.ts';
import { readGioGeometries } from './gio-geometry.ts';
import { type ImportedPlan, type Omgevingsplan, omgevingsplan } from './model.ts';
import { type OwRecords, emptyOwRecords, readOwObject } from './read-ow-objects.ts';
import { type XmlNode, child, childText, descendants, lineAt, parseXml } from './read-xml.ts';
import { assertValidPlan } from './validate-plan.ts';
import type { GeometryRd } from '../contracts/feature.ts';

export interface ImowFile {
  name: string;
  text: string;
}

export interface ImowImportOptions {
  licence?: string;
  source?: string;
}

export function importImowFiles(files: ImowFile[], options: ImowImportOptions = {}): ImportedPlan {
  if (files.length === 0) throw new InvalidParameter('An IMOW delivery needs at least one file');
  const warnings: string[] = [];
  const records = emptyOwRecords();
  const geometries = new Map<string, { geometry: GeometryRd; file: string }>();
  const origin = new Map<string, string>();
  const manifests: { file: string; listed: string[]; workId?: string }[] = [];
  const owFiles: string[] = [];
  let dataset: string | undefined;
  let leveringsId: string | undefined;

  for (const file of files) {
    const root = parseXml(file.name, file.text);
    if (root.name === 'Aanleveringen' || root.name === 'Aanlevering') {
      manifests.push({
        file: file.name,
        listed: descendants(root, 'Bestand').map((b) => childText(b, 'naam') ?? '').filter(Boolean),
        workId: descendants(root, 'WorkIDRegeling')[0]?.text,
      });
    } else if (root.name === 'FeatureCollectionGeometrie' || root.name.startsWith('GeoInformatieObject')) {
      const gio = readGioGeometries(file.name, file.text);
      warnings.push(...gio.warnings);
      for (const [id, geometry] of gio.geometries) {
        const seen = geometries.get(id);
        if (seen) throw new InvalidParameter(`${file.name}: Geometrie ${id} is also defined in ${seen.file}`);
        geometries.set(id, { geometry, file: file.name });
      }
    } else if (root.name === 'owBestand') {
      owFiles.push(file.name);
      dataset ??= descendants(root, 'dataset')[0]?.text;
      leveringsId ??= descendants(root, 'leveringsId')[0]?.text;
      readOwFile(file, root, records, origin);
    } else {
      warnings.push(`${file.name}: root element ${root.name} is not an OW-bestand, manifest-ow or GIO geometry; ignored`);
    }
  }

  for (const m of manifests) {
    for (const listed of m.listed) {
      // Copies of a delivery often get a prefix (e.g. amersfoort-gm0307Locaties.xml), so a suffix match counts.
      if (!files.some((f) => f.name === listed || f.name.endsWith(`-${listed}`) || f.name.endsWith(`/${listed}`))) {
        warnings.push(`${m.file} lists ${listed}, which is not in the delivery; its objects are missing`);
      }
    }
  }
  if (manifests.length === 0) warnings.push('The delivery has no manifest-ow.xml; files were read as given');
  for (const [type, n] of records.ignored) warnings.push(`${n} ${type} object(s) are not modelled by Tweeling and were skipped`);

  const locaties = records.locaties.map(({ locatie, geometrieRef }) => {
    if (!geometrieRef) return locatie;
    const found = geometries.get(geometrieRef);
    if (!found) {
      throw new InvalidParameter(`${origin.get(locatie.identificatie) ?? 'OW'}: ${locatie.type} ${locatie.identificatie}: GeometrieRef ${geometrieRef} does not resolve to a Geometrie id in the GIO files of the delivery`);
    }
    return { ...locatie, geometrie: found.geometry };
  });

  const used = new Set(records.locaties.map((l) => l.geometrieRef));
  const unused = [...geometries.keys()].filter((id) => !used.has(id));
  if (unused.length > 0) warnings.push(`${unused.length} GIO geometrie(s) are not referenced by any Locatie: ${unused.slice(0, 5).join(', ')}${unused.length > 5 ? ', …' : ''}`);

  const workId = manifests.find((m) => m.workId)?.workId;
  // The work id of the regeling names the bevoegd gezag too: /akn/nl/act/gm0307/2021/omgevingsplanamersfoort.
  const bevoegdGezag = bevoegdGezagOf(dataset ?? /\/act\/([a-z]{2,4}[0-9]{2,4})\//.exec(workId ?? '')?.[1], records);
  const plan: Omgevingsplan = omgevingsplan.parse({
    meta: {
      naam: workId ? (workId.split('/').filter(Boolean).pop() ?? workId) : `Omgevingsplan ${bevoegdGezag}`,
      bevoegdGezag,
      source: options.source ?? `IMOW delivery ${leveringsId ?? ''} (${files.map((f) => f.name).join(', ')})`.replace('  ', ' '),
      licence: options.licence ?? 'not stated',
      date: /(\d{4}-\d{2}-\d{2})/.exec(leveringsId ?? '')?.[1] ?? 'unknown',
      synthetic: false,
    },
    regelteksten: records.regelteksten,
    juridischeRegels: records.juridischeRegels,
    activiteiten: records.activiteiten,
    locaties,
    gebiedsaanwijzingen: records.gebiedsaanwijzingen,
    omgevingsnormen: records.omgevingsnormen,
    regelingsgebieden: records.regelingsgebieden,
  });
  if (owFiles.length === 0) warnings.push('The delivery has no OW-bestanden; the plan is empty');
  warnings.push(...assertValidPlan(plan, 'IMOW delivery', (id) => origin.get(id)));
  return { plan, warnings };
}

function readOwFile(file: ImowFile, root: XmlNode, records: OwRecords, origin: Map<string, string>): void {
  const lineOf = (id: string): string => {
    const at = id ? file.text.indexOf(`>${id}<`) : -1;
    return at >= 0 ? `${file.name} line ${lineAt(file.text, at)}` : file.name;
  };
  for (const owObject of descendants(root, 'owObject')) {
    const node = owObject.children[0];
    if (!node) continue;
    readOwObject(node, records, lineOf);
    const id = childText(node, 'identificatie');
    if (id) origin.set(id, lineOf(id));
    // Normwaarden carry their own identificatie; remember where they are too.
    for (const nw of descendants(node, 'Normwaarde')) {
      const nid = child(nw, 'identificatie')?.text;
      if (nid) origin.set(nid, lineOf(nid));
    }
  }
}

function bevoegdGezagOf(dataset: string | undefined, records: OwRecords): string {
  if (dataset && /^[a-z]{2,4}[0-9]{2,4}$/.test(dataset)) return dataset;
  const first = [
    ...records.activiteiten,
    ...records.locaties.map((l) => l.locatie),
    ...records.juridischeRegels,
    ...records.gebiedsaanwijzingen,
    ...records.omgevingsnormen,
    ...records.regelingsgebieden,
  ][0]?.identificatie;
  const code = first ? /^nl\.imow-([a-z]{2,4}[0-9]{2,4})\./.exec(first)?.[1] : undefined;
  if (!code) throw new InvalidParameter('Cannot tell the bevoegd gezag of the delivery: no sl:dataset and no nl.imow-<code>. identificatie');
  return code;
}
