// One building source file (text) → parsed buildings, by format: CityJSON, CityJSONSeq (.jsonl) or GeoJSON.
// Pure; the command reads the file.
import { parseGeoJsonFootprints } from './parse-geojson-footprints.ts';
import { BuildingFileError, parseCityJson, parseCityJsonSeq, type ParsedBuildings, type ParseOptions } from './parse-cityjson.ts';

export function parseBuildingFile(text: string, file: string, options: ParseOptions): ParsedBuildings {
  // CityJSONSeq is one JSON value per line; recognise it by name or by a header line followed by more lines.
  const firstLineEnd = text.indexOf('\n');
  const looksLikeSeq =
    /\.jsonl$/i.test(file) ||
    (firstLineEnd > 0 && text.slice(firstLineEnd).trim().startsWith('{') && text.slice(0, firstLineEnd).includes('"CityJSON"'));
  if (looksLikeSeq) return parseCityJsonSeq(text, file, options);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BuildingFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (type === 'CityJSON') return parseCityJson(json, file, options);
  if (type === 'FeatureCollection') return parseGeoJsonFootprints(json, file, options);
  throw new BuildingFileError(`${file}: neither CityJSON, CityJSONSeq nor a GeoJSON FeatureCollection`);
}
