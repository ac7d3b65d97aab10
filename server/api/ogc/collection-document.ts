// Collection metadata documents (OGC API Features Part 1 §7.14 + Part 2 crs/storageCrs), with our transparency
// metadata (source, licence, date, privacy class, synthetic) and both language versions of title and description.
import type { CollectionMeta } from '../../contracts/feature.ts';
import { CRS84, STORAGE_CRS, SUPPORTED_CRS } from './crs.ts';
import { GEOJSON, HTML, JSON_TYPE, type Link, link, SCHEMA_JSON } from './links.ts';

export const REL_QUERYABLES = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

/** SPDX identifiers (our licences are written as such) get a `license` link to the licence text. */
const SPDX_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/;

export function collectionDocument(meta: CollectionMeta, extentCrs84: number[] | undefined, baseUrl: string) {
  const href = `${baseUrl}/collections/${meta.id}`;
  const links: Link[] = [
    link(href, 'self', JSON_TYPE, 'This collection'),
    link(`${href}/items`, 'items', GEOJSON, 'The features of this collection'),
    link(`${href}/queryables`, REL_QUERYABLES, SCHEMA_JSON, 'Properties that can be used as filters'),
  ];
  if (SPDX_ID.test(meta.licence)) {
    links.push(link(`https://spdx.org/licenses/${meta.licence}.html`, 'license', HTML, `Licence: ${meta.licence}`));
  }
  return {
    id: meta.id,
    title: meta.title.nl,
    description: `${meta.description.nl} — EN: ${meta.title.en}. ${meta.description.en}`,
    ...(extentCrs84 ? { extent: { spatial: { bbox: [extentCrs84], crs: CRS84 } } } : {}),
    itemType: 'feature',
    crs: [...SUPPORTED_CRS],
    storageCrs: STORAGE_CRS,
    // Extension members: the titles and descriptions in both languages, and where the data come from.
    titles: meta.title,
    descriptions: meta.description,
    source: meta.source,
    licence: meta.licence,
    date: meta.date,
    privacyClass: meta.privacyClass,
    synthetic: meta.synthetic,
    links,
  };
}

/** JSON Schema of the queryables (OGC API Features Part 3 style; we do not claim Part 3). */
export function queryablesDocument(meta: CollectionMeta, baseUrl: string) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/collections/${meta.id}/queryables`,
    type: 'object',
    title: meta.title.nl,
    properties: Object.fromEntries(meta.queryables.map((q) => [q.name, { title: q.name, type: q.type }])),
    additionalProperties: false,
  };
}
