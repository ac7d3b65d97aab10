// OW objects → model records. One function per IMOW object type, matched by local element name so that the
// namespace prefix and the IMOW schema version (v2, v3) do not matter. Geometry is resolved later (GIO ids).
import { InvalidParameter } from '../errors.ts';
import {
  ACTIVITEITREGELKWALIFICATIES,
  type Activiteit,
  type Activiteitaanduiding,
  type Gebiedsaanwijzing,
  type JuridischeRegel,
  type Locatie,
  type Normwaarde,
  type Omgevingsnorm,
  type Regelingsgebied,
  type Regeltekst,
  labelOf,
} from './model.ts';
import { type XmlNode, child, childText, childrenNamed, refsUnder } from './read-xml.ts';

export interface OwRecords {
  regelteksten: Regeltekst[];
  juridischeRegels: JuridischeRegel[];
  activiteiten: Activiteit[];
  /** Locaties with, for Gebied/Lijn/Punt, the GIO geometry id still to resolve. */
  locaties: { locatie: Locatie; geometrieRef?: string }[];
  gebiedsaanwijzingen: Gebiedsaanwijzing[];
  omgevingsnormen: Omgevingsnorm[];
  regelingsgebieden: Regelingsgebied[];
  /** Object types seen but not modelled (Kaart, Pons, Divisie…), with counts. */
  ignored: Map<string, number>;
}

export function emptyOwRecords(): OwRecords {
  return { regelteksten: [], juridischeRegels: [], activiteiten: [], locaties: [], gebiedsaanwijzingen: [], omgevingsnormen: [], regelingsgebieden: [], ignored: new Map() };
}

const LOCATIE_ELEMENTS = new Set(['Gebied', 'Gebiedengroep', 'Ambtsgebied', 'Lijn', 'Lijnengroep', 'Punt', 'Puntengroep']);
const REGEL_ELEMENTS = new Set(['RegelVoorIedereen', 'Instructieregel', 'Omgevingswaarderegel']);

/** Adds one owObject's content to `into`; `where` names the file (and line) for errors. */
export function readOwObject(node: XmlNode, into: OwRecords, where: (id: string) => string): void {
  const identificatie = childText(node, 'identificatie') ?? '';
  const fail = (message: string): never => {
    throw new InvalidParameter(`${where(identificatie)}: ${node.name} ${identificatie || '(without identificatie)'}: ${message}`);
  };
  if (!identificatie) fail('missing identificatie');
  const required = (name: string): string => childText(node, name) || fail(`missing ${name}`);

  if (node.name === 'Activiteit') {
    const parent = refsUnder(child(node, 'bovenliggendeActiviteit'), 'ActiviteitRef')[0];
    into.activiteiten.push({ identificatie, naam: required('naam'), groep: childText(node, 'groep') ?? '', ...(parent ? { bovenliggendeActiviteit: parent } : {}) });
  } else if (LOCATIE_ELEMENTS.has(node.name)) {
    const type = node.name as Locatie['type'];
    const noemer = childText(node, 'noemer');
    const locatie: Locatie = { identificatie, type, ...(noemer ? { noemer } : {}), geometrie: null };
    if (type.endsWith('groep')) {
      locatie.groepselementen = childrenNamed(node, 'groepselement').flatMap((g) => g.children.map((c) => c.attrs.href ?? '')).filter(Boolean);
      if (locatie.groepselementen.length === 0) fail('a groep without groepselementen');
    }
    if (type === 'Ambtsgebied') {
      const code = childText(child(node, 'bestuurlijkeGrenzenVerwijzing')?.children[0] ?? node, 'bestuurlijkeGrenzenID');
      if (code) locatie.bestuurlijkeGrenzenId = code;
    }
    const geometrieRef = refsUnder(child(node, 'geometrie'), 'GeometrieRef')[0]?.replace(/^#/, '');
    if ((type === 'Gebied' || type === 'Lijn' || type === 'Punt') && !geometrieRef) fail('missing geometrie/GeometrieRef');
    into.locaties.push({ locatie, ...(geometrieRef ? { geometrieRef } : {}) });
  } else if (node.name === 'Regeltekst') {
    const wId = node.attrs.wId ?? childText(node, 'wId') ?? '';
    into.regelteksten.push({ identificatie, wId, titel: titleFromWId(wId), tekst: '' });
  } else if (REGEL_ELEMENTS.has(node.name)) {
    into.juridischeRegels.push(readRegel(node, identificatie, fail));
  } else if (node.name === 'Gebiedsaanwijzing') {
    into.gebiedsaanwijzingen.push({
      identificatie,
      type: labelOf(required('type')),
      naam: required('naam'),
      groep: labelOf(childText(node, 'groep') ?? ''),
      locatieRefs: refsUnder(child(node, 'locatieaanduiding'), 'LocatieRef'),
    });
  } else if (node.name === 'Omgevingsnorm' || node.name === 'Omgevingswaarde') {
    const normwaarden = childrenNamed(node, 'normwaarde').flatMap((n) => childrenNamed(n, 'Normwaarde')).map((n) => readNormwaarde(n, fail));
    into.omgevingsnormen.push({
      identificatie,
      kind: node.name,
      naam: required('naam'),
      type: labelOf(childText(node, 'type') ?? ''),
      groep: labelOf(childText(node, 'groep') ?? ''),
      eenheid: labelOf(childText(node, 'eenheid') ?? ''),
      normwaarden,
    });
  } else if (node.name === 'Regelingsgebied') {
    into.regelingsgebieden.push({ identificatie, locatieRefs: refsUnder(child(node, 'locatieaanduiding'), 'LocatieRef') });
  } else {
    into.ignored.set(node.name, (into.ignored.get(node.name) ?? 0) + 1);
  }
}

function readRegel(node: XmlNode, identificatie: string, fail: (m: string) => never): JuridischeRegel {
  const aanduidingen: Activiteitaanduiding[] = [];
  for (const a of childrenNamed(node, 'activiteitaanduiding')) {
    const activiteitRef = refsUnder(a, 'ActiviteitRef')[0];
    if (!activiteitRef) fail('an activiteitaanduiding without ActiviteitRef');
    const locs = childrenNamed(a, 'ActiviteitLocatieaanduiding');
    if (locs.length === 0) fail(`activiteitaanduiding ${activiteitRef} without ActiviteitLocatieaanduiding`);
    for (const l of locs) {
      aanduidingen.push({
        activiteitRef: activiteitRef!,
        activiteitregelkwalificatie: kwalificatie(childText(l, 'activiteitregelkwalificatie') ?? '', fail),
        locatieRefs: refsUnder(child(l, 'locatieaanduiding'), 'LocatieRef'),
      });
    }
  }
  const idealisatie = labelOf(childText(node, 'idealisatie') ?? 'exact').toLowerCase();
  if (idealisatie !== 'exact' && idealisatie !== 'indicatief') fail(`idealisatie ${idealisatie} is neither exact nor indicatief`);
  return {
    identificatie,
    type: node.name as JuridischeRegel['type'],
    regeltekstRef: refsUnder(child(node, 'artikelOfLid'), 'RegeltekstRef')[0] ?? null,
    idealisatie: idealisatie as 'exact' | 'indicatief',
    locatieRefs: refsUnder(child(node, 'locatieaanduiding'), 'LocatieRef'),
    activiteitaanduidingen: aanduidingen,
    gebiedsaanwijzingRefs: refsUnder(child(node, 'gebiedsaanwijzing'), 'GebiedsaanwijzingRef'),
    omgevingsnormRefs: [
      ...refsUnder(child(node, 'omgevingsnormaanduiding'), 'OmgevingsnormRef'),
      ...refsUnder(child(node, 'omgevingswaardeaanduiding'), 'OmgevingswaardeRef'),
    ],
  };
}

function readNormwaarde(node: XmlNode, fail: (m: string) => never): Normwaarde {
  const identificatie = childText(node, 'identificatie') || fail('a Normwaarde without identificatie');
  const out: Normwaarde = { identificatie, locatieRefs: refsUnder(child(node, 'locatieaanduiding'), 'LocatieRef') };
  const q = childText(node, 'kwantitatieveWaarde');
  if (q !== undefined) {
    const n = Number(q);
    if (q === '' || !Number.isFinite(n)) fail(`Normwaarde ${identificatie}: kwantitatieveWaarde '${q}' is not a number`);
    out.kwantitatieveWaarde = n;
  }
  const k = childText(node, 'kwalitatieveWaarde');
  if (k !== undefined) out.kwalitatieveWaarde = k;
  const r = child(node, 'waardeInRegeltekst');
  if (r) out.waardeInRegeltekst = r.text || 'zie regeltekst';
  return out;
}

function kwalificatie(uri: string, fail: (m: string) => never): Activiteitaanduiding['activiteitregelkwalificatie'] {
  // `.../activiteitregelkwalificatie/id/concept/AndersGeduid` → `anders geduid`
  const label = labelOf(uri).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const found = ACTIVITEITREGELKWALIFICATIES.find((k) => k === label);
  return found ?? fail(`unknown activiteitregelkwalificatie '${uri}'`);
}

/** `gm0307_1__chp_4__art_4.2__para_1` → `Artikel 4.2 lid 1`; the text itself lives in the STOP part of the delivery. */
export function titleFromWId(wId: string): string {
  const art = /art_([0-9A-Za-z.]+)/.exec(wId)?.[1];
  const lid = /para_([0-9A-Za-z.]+)/.exec(wId)?.[1];
  if (!art) return wId;
  return lid ? `Artikel ${art} lid ${lid}` : `Artikel ${art}`;
}
