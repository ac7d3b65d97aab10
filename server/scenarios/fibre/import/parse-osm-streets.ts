// OSM XML (an export from openstreetmap.org, Overpass `out body;>;out skel;` or osmium) → Street records in RD New.
// Pure. Only ways tagged highway=* that cars, bikes or pedestrians use become streets (street-tags.ts has the
// class and surface mapping); node positions are WGS84 and are projected once, here. Like the IMOW reader, any
// DTD or entity declaration is refused before parsing, so entity expansion and external entities cannot happen.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { PointRd, Street } from '../../../contracts/model.ts';
import { InvalidParameter } from '../../../errors.ts';
import { lonLatDegToRd } from '../../../geo/crs.ts';
import { type Parsed, type ParseOptions, emptyParsed, rejectRecord } from './parse-result.ts';
import { type SurfaceTally, classify, emptySurfaceTally } from './street-tags.ts';

/** Larger than the IMOW limit: a municipality's OSM extract with all its nodes runs to tens of MB. */
export const MAX_OSM_BYTES = 300 * 1024 * 1024;

const osmNode = z.object({
  id: z.string().regex(/^-?\d+$/),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
});
const osmTag = z.object({ k: z.string(), v: z.string() });
const osmWay = z.object({
  id: z.string().regex(/^-?\d+$/),
  nd: z.array(z.object({ ref: z.string().regex(/^-?\d+$/) })).default([]),
  tag: z.array(osmTag).default([]),
});

export interface ParsedStreets extends Parsed<Street> {
  surfaces: SurfaceTally;
}

export function parseOsmStreets(file: string, text: string, options: ParseOptions = {}): ParsedStreets {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_OSM_BYTES) throw new InvalidParameter(`${file}: ${(bytes / 1e6).toFixed(0)} MB is larger than the ${MAX_OSM_BYTES / 1024 / 1024} MB limit; cut the extract to the municipality first (osmium extract)`);
  const dtd = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text);
  if (dtd) throw new InvalidParameter(`${file} line ${lineAt(text, dtd.index)}: XML with a <!${dtd[1].toUpperCase()} declaration is refused (DTDs and entities are not allowed)`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InvalidParameter(`${file} line ${valid.err.line}, column ${valid.err.col}: XML syntax error: ${valid.err.msg}`, { file, line: valid.err.line });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => name === 'node' || name === 'way' || name === 'nd' || name === 'tag' || name === 'relation' || name === 'member',
  });
  const doc = parser.parse(text) as { osm?: { node?: unknown[]; way?: unknown[] } };
  if (!doc.osm || typeof doc.osm !== 'object') throw new InvalidParameter(`${file}: not OSM XML (no <osm> root element)`);
  const result: ParsedStreets = { ...emptyParsed<Street>(), surfaces: emptySurfaceTally() };

  const positions = new Map<string, PointRd>();
  (doc.osm.node ?? []).forEach((raw, i) => {
    const node = osmNode.safeParse(raw);
    if (!node.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      return rejectRecord(result, options, { file, where: `node ${typeof id === 'string' ? id : `#${i}`}`, reason: `invalid node (${issueText(node.error)})` });
    }
    positions.set(node.data.id, lonLatDegToRd(node.data.lon, node.data.lat));
  });

  let missingRefs = 0;
  for (const [i, raw] of (doc.osm.way ?? []).entries()) {
    const way = osmWay.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const where = `way ${typeof rawId === 'string' ? rawId : `#${i}`}`;
    if (!way.success) {
      rejectRecord(result, options, { file, where, reason: `invalid way (${issueText(way.error)})` });
      continue;
    }
    const tags = Object.fromEntries(way.data.tag.map((t) => [t.k, t.v]));
    if (tags.highway === undefined || tags.area === 'yes') continue;
    const kind = classify({ highway: tags.highway, surface: tags.surface }, result.surfaces);
    if (!kind) continue;
    const line: PointRd[] = [];
    for (const { ref } of way.data.nd) {
      const p = positions.get(ref);
      if (p) line.push(p);
      else missingRefs++;
    }
    if (line.length < 2) {
      rejectRecord(result, options, { file, where, reason: `highway=${tags.highway} has ${line.length} node(s) with a position; a street needs 2` });
      continue;
    }
    result.records.push({ id: `osm-way-${way.data.id}`, line, name: tags.name ?? tags.ref ?? '', ...kind });
  }
  if (missingRefs > 0) result.warnings.push(`${file}: ${missingRefs} node references of streets have no node in the file (cut at the export boundary); those vertices were left out`);
  return result;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
