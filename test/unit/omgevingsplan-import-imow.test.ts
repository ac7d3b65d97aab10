import { describe, expect, it } from 'vitest';
import { InvalidParameter } from '../../server/errors.ts';
import { importImowFiles } from '../../server/omgevingsplan/import-imow.ts';
import { MAX_XML_BYTES } from '../../server/omgevingsplan/read-xml.ts';

const NS = 'xmlns:ow-dc="http://www.geostandaarden.nl/imow/bestanden/deelbestand" xmlns:sl="http://www.geostandaarden.nl/bestanden-ow/standlevering-generiek" xmlns:l="http://www.geostandaarden.nl/imow/locatie" xmlns:r="http://www.geostandaarden.nl/imow/regels" xmlns:rol="http://www.geostandaarden.nl/imow/regelsoplocatie" xmlns:ga="http://www.geostandaarden.nl/imow/gebiedsaanwijzing" xmlns:xlink="http://www.w3.org/1999/xlink"';

function owFile(objects: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ow-dc:owBestand ${NS}>
  <sl:standBestand>
    <sl:dataset>gm9999</sl:dataset>
    <sl:inhoud><sl:leveringsId>gm9999_2026-02-01</sl:leveringsId></sl:inhoud>
${objects.map((o) => `    <sl:stand><ow-dc:owObject>\n${o}\n    </ow-dc:owObject></sl:stand>`).join('\n')}
  </sl:standBestand>
</ow-dc:owBestand>`;
}

function gio(srsName = 'urn:ogc:def:crs:EPSG::28992'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<basisgeo:FeatureCollectionGeometrie xmlns:basisgeo="http://www.geostandaarden.nl/basisgeometrie/1.0" xmlns:gml="http://www.opengis.net/gml/3.2">
  <basisgeo:featureMember><basisgeo:Geometrie>
    <basisgeo:id>geo-1</basisgeo:id>
    <basisgeo:geometrie>
      <gml:Polygon srsName="${srsName}"><gml:exterior><gml:LinearRing>
        <gml:posList>145000 445000 145100 445000 145100 445100 145000 445100 145000 445000</gml:posList>
      </gml:LinearRing></gml:exterior></gml:Polygon>
    </basisgeo:geometrie>
  </basisgeo:Geometrie></basisgeo:featureMember>
  <basisgeo:featureMember><basisgeo:Geometrie>
    <basisgeo:id>geo-2</basisgeo:id>
    <basisgeo:geometrie><gml:Point srsName="EPSG:28992"><gml:pos>145050 445050</gml:pos></gml:Point></basisgeo:geometrie>
  </basisgeo:Geometrie></basisgeo:featureMember>
</basisgeo:FeatureCollectionGeometrie>`;
}

const GEBIED = `<l:Gebied><l:identificatie>nl.imow-gm9999.gebied.1</l:identificatie><l:noemer>Centrum</l:noemer>
  <l:geometrie><l:GeometrieRef xlink:href="geo-1"/></l:geometrie></l:Gebied>`;

function norm(normwaarde: string): string {
  return `<rol:Omgevingsnorm><rol:identificatie>nl.imow-gm9999.omgevingsnorm.bh</rol:identificatie>
  <rol:naam>maximum bouwhoogte</rol:naam><rol:type>http://standaarden.omgevingswet.overheid.nl/typenorm/id/concept/Omgevingsnorm</rol:type>
  <rol:groep>http://standaarden.omgevingswet.overheid.nl/omgevingsnormgroep/id/concept/Bouwhoogte</rol:groep>
  <rol:normwaarde><rol:Normwaarde><rol:identificatie>nl.imow-gm9999.normwaarde.bh1</rol:identificatie>
  ${normwaarde}
  <rol:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.gebied.1"/></rol:locatieaanduiding></rol:Normwaarde></rol:normwaarde>
  <rol:eenheid>http://standaarden.omgevingswet.overheid.nl/eenheid/id/concept/Meter</rol:eenheid></rol:Omgevingsnorm>`;
}

const REGEL = `<r:RegelVoorIedereen><r:identificatie>nl.imow-gm9999.juridischeregel.1</r:identificatie>
  <r:idealisatie>http://standaarden.omgevingswet.overheid.nl/idealisatie/id/concept/Exact</r:idealisatie>
  <r:artikelOfLid><r:RegeltekstRef xlink:href="nl.imow-gm9999.regeltekst.1"/></r:artikelOfLid>
  <r:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.gebied.1"/></r:locatieaanduiding>
  <r:activiteitaanduiding><rol:ActiviteitRef xlink:href="nl.imow-gm9999.activiteit.bouwen"/>
    <r:ActiviteitLocatieaanduiding><r:identificatie>nl.imow-gm9999.activiteitlocatieaanduiding.1</r:identificatie>
      <r:activiteitregelkwalificatie>http://standaarden.omgevingswet.overheid.nl/activiteitregelkwalificatie/id/concept/Vergunningplicht</r:activiteitregelkwalificatie>
      <r:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.gebied.1"/></r:locatieaanduiding>
    </r:ActiviteitLocatieaanduiding></r:activiteitaanduiding>
  <r:gebiedsaanwijzing><ga:GebiedsaanwijzingRef xlink:href="nl.imow-gm9999.gebiedsaanwijzing.1"/></r:gebiedsaanwijzing>
  <r:omgevingsnormaanduiding><rol:OmgevingsnormRef xlink:href="nl.imow-gm9999.omgevingsnorm.bh"/></r:omgevingsnormaanduiding>
</r:RegelVoorIedereen>`;

const OTHERS = [
  `<r:Regeltekst wId="gm9999_1__chp_4__art_4.2"><r:identificatie>nl.imow-gm9999.regeltekst.1</r:identificatie></r:Regeltekst>`,
  `<rol:Activiteit><rol:identificatie>nl.imow-gm9999.activiteit.bouwen</rol:identificatie><rol:naam>Bouwen</rol:naam>
    <rol:groep>http://standaarden.omgevingswet.overheid.nl/activiteit/id/concept/BouwactiviteitRuimtelijk</rol:groep></rol:Activiteit>`,
  `<ga:Gebiedsaanwijzing><ga:identificatie>nl.imow-gm9999.gebiedsaanwijzing.1</ga:identificatie>
    <ga:type>http://standaarden.omgevingswet.overheid.nl/typegebiedsaanwijzing/id/concept/Functie</ga:type><ga:naam>Centrum</ga:naam>
    <ga:groep>http://standaarden.omgevingswet.overheid.nl/functie/id/concept/Centrum</ga:groep>
    <ga:locatieaanduiding><l:LocatieRef xlink:href="nl.imow-gm9999.gebied.1"/></ga:locatieaanduiding></ga:Gebiedsaanwijzing>`,
];

function delivery(overrides: { gebied?: string; norm?: string; regel?: string; gio?: string } = {}) {
  return [
    { name: 'Regels.xml', text: owFile([overrides.regel ?? REGEL, ...OTHERS, overrides.norm ?? norm('<rol:kwantitatieveWaarde>12.5</rol:kwantitatieveWaarde>')]) },
    { name: 'Locaties.xml', text: owFile([overrides.gebied ?? GEBIED]) },
    { name: 'gio.gml', text: overrides.gio ?? gio() },
  ];
}

describe('importImowFiles on a small hand-written delivery', () => {
  it('reads every object type and resolves the geometry', () => {
    const { plan } = importImowFiles(delivery());
    expect(plan.meta).toMatchObject({ bevoegdGezag: 'gm9999', date: '2026-02-01', synthetic: false });
    expect(plan.locaties[0].geometrie).toEqual({ type: 'Polygon', coordinates: [[[145000, 445000], [145100, 445000], [145100, 445100], [145000, 445100], [145000, 445000]]] });
    expect(plan.juridischeRegels[0]).toEqual({
      identificatie: 'nl.imow-gm9999.juridischeregel.1',
      type: 'RegelVoorIedereen',
      regeltekstRef: 'nl.imow-gm9999.regeltekst.1',
      idealisatie: 'exact',
      locatieRefs: ['nl.imow-gm9999.gebied.1'],
      activiteitaanduidingen: [{ activiteitRef: 'nl.imow-gm9999.activiteit.bouwen', activiteitregelkwalificatie: 'vergunningplicht', locatieRefs: ['nl.imow-gm9999.gebied.1'] }],
      gebiedsaanwijzingRefs: ['nl.imow-gm9999.gebiedsaanwijzing.1'],
      omgevingsnormRefs: ['nl.imow-gm9999.omgevingsnorm.bh'],
    });
    expect(plan.regelteksten[0]).toMatchObject({ wId: 'gm9999_1__chp_4__art_4.2', titel: 'Artikel 4.2' });
    expect(plan.gebiedsaanwijzingen[0]).toMatchObject({ type: 'Functie', groep: 'Centrum' });
    expect(plan.omgevingsnormen[0]).toMatchObject({ naam: 'maximum bouwhoogte', eenheid: 'Meter', normwaarden: [{ kwantitatieveWaarde: 12.5 }] });
  });

  it('refuses a document type declaration (XXE)', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<ow-dc:owBestand ${NS}><x>&xxe;</x></ow-dc:owBestand>`;
    expect(() => importImowFiles([{ name: 'evil.xml', text: xxe }])).toThrow(/evil\.xml line 2: .*DOCTYPE.*refused/);
  });

  it('refuses an entity declaration without a DOCTYPE too', () => {
    expect(() => importImowFiles([{ name: 'evil.xml', text: '<a><!ENTITY x "y"></a>' }])).toThrow(InvalidParameter);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const big = `<a>${'x'.repeat(MAX_XML_BYTES)}</a>`;
    expect(() => importImowFiles([{ name: 'big.xml', text: big }])).toThrow(/big\.xml: .*larger than the 50 MB limit/);
  });

  it('reports broken XML with file name and line', () => {
    const broken = owFile([GEBIED]).replace('</l:noemer>', '</l:noemr>');
    expect(() => importImowFiles([{ name: 'Locaties.xml', text: broken }])).toThrow(/Locaties\.xml line 7, column \d+: XML syntax error/);
  });

  it('reports an unresolved reference, naming it and where it was made', () => {
    const regel = REGEL.replace('nl.imow-gm9999.gebiedsaanwijzing.1', 'nl.imow-gm9999.gebiedsaanwijzing.bestaatniet');
    expect(() => importImowFiles(delivery({ regel }))).toThrow(
      /nl\.imow-gm9999\.juridischeregel\.1 \(Regels\.xml line 7\): gebiedsaanwijzingRef nl\.imow-gm9999\.gebiedsaanwijzing\.bestaatniet does not resolve/,
    );
  });

  it('reports a GeometrieRef that no GIO defines', () => {
    const gebied = GEBIED.replace('geo-1', 'geo-404');
    expect(() => importImowFiles(delivery({ gebied }))).toThrow(/Locaties\.xml line \d+: Gebied nl\.imow-gm9999\.gebied\.1: GeometrieRef geo-404 does not resolve/);
  });

  it('enforces TPOD1650: two kinds of value in one Normwaarde', () => {
    const twoValues = norm('<rol:kwantitatieveWaarde>12</rol:kwantitatieveWaarde><rol:kwalitatieveWaarde>hoog</rol:kwalitatieveWaarde>');
    expect(() => importImowFiles(delivery({ norm: twoValues }))).toThrow(/TPOD1650: Normwaarde nl\.imow-gm9999\.normwaarde\.bh1 \(Regels\.xml line \d+\).*has 2 of/);
  });

  it('enforces TPOD1650: no value at all', () => {
    expect(() => importImowFiles(delivery({ norm: norm('') }))).toThrow(/TPOD1650.*has 0 of/);
  });

  it('refuses GIO geometry in another CRS, naming file and geometry', () => {
    expect(() => importImowFiles(delivery({ gio: gio('urn:ogc:def:crs:EPSG::4326') }))).toThrow(/gio\.gml, Geometrie geo-1: srsName urn:ogc:def:crs:EPSG::4326 is not RD New/);
  });

  it('accepts any namespace prefix', () => {
    const files = delivery().map((f) => ({ ...f, text: f.text.replaceAll('<l:', '<loc:').replaceAll('</l:', '</loc:').replace('xmlns:l=', 'xmlns:loc=') }));
    expect(importImowFiles(files).plan.locaties).toHaveLength(1);
  });

  it('warns, not fails, on a manifest file that is absent', () => {
    const manifest = '<Aanleveringen xmlns="http://www.geostandaarden.nl/bestanden-ow/manifest-ow"><Aanlevering><WorkIDRegeling>/akn/nl/act/gm9999/2026/op</WorkIDRegeling><Bestand><naam>Regels.xml</naam></Bestand><Bestand><naam>Ontbreekt.xml</naam></Bestand></Aanlevering></Aanleveringen>';
    const { plan, warnings } = importImowFiles([...delivery(), { name: 'manifest-ow.xml', text: manifest }]);
    expect(warnings).toContain('manifest-ow.xml lists Ontbreekt.xml, which is not in the delivery; its objects are missing');
    expect(plan.meta.naam).toBe('op');
  });
});
