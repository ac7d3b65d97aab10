// One address record as the parsers read it, before it is linked to a buurt and a building, and the field
// names recognised in CSV headers and GeoJSON properties (BAG, PDOK INSPIRE addresses, and English names).
import { z } from 'zod';
import type { PointRd } from '../../../contracts/model.ts';

export interface ParsedAddress {
  id: string;
  position: PointRd;
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  street: string;
  /** Given by the file; linked from the store's buildings when absent. */
  buildingId?: string;
  /** Given by the file; assigned from the store's buurten when absent. */
  buurtCode?: string;
}

/** Our field → accepted source names, compared lower-case. */
export const ADDRESS_FIELD_NAMES = {
  id: ['id', 'identificatie', 'nummeraanduiding', 'nummeraanduiding_id', 'nummeraanduidingidentificatie', 'adres_id'],
  postcode: ['postcode', 'component_postaldescriptor', 'postal_code', 'zip'],
  houseNumber: ['huisnummer', 'housenumber', 'house_number', 'locator_designator_addressnumber'],
  houseLetter: ['huisletter', 'houseletter', 'house_letter', 'locator_designator_addressnumberextension'],
  addition: ['huisnummertoevoeging', 'toevoeging', 'locator_designator_addressnumber2ndextension'],
  street: ['straat', 'straatnaam', 'openbare_ruimte', 'openbareruimtenaam', 'openbare_ruimte_naam', 'street', 'component_thoroughfarename'],
  buildingId: ['pand', 'pandid', 'pand_id', 'pandidentificatie', 'pand_identificatie', 'buildingid', 'building_id'],
  buurtCode: ['buurtcode', 'buurt_code', 'bu_code'],
  x: ['x', 'rd_x', 'x_rd'],
  y: ['y', 'rd_y', 'y_rd'],
  lon: ['lon', 'lng', 'longitude', 'lengtegraad'],
  lat: ['lat', 'latitude', 'breedtegraad'],
} as const;

export type AddressField = keyof typeof ADDRESS_FIELD_NAMES;

/** Postcode "1794 bd" → "1794BD". */
const postcode = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'a postcode is 4 digits and 2 letters, e.g. 1794BD'));
const houseNumber = z.coerce.number().int('a house number is a whole number').positive('a house number is positive');
const optionalText = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((v) => (v === null || v === undefined ? '' : String(v).trim()));

/** The attribute part of an address (no position), from raw field values; the field name is the zod path. */
export const addressAttributes = z.object({
  id: optionalText,
  postcode,
  houseNumber,
  houseLetter: optionalText.pipe(z.string().max(1, 'a huisletter is one letter')),
  addition: optionalText,
  street: optionalText,
  buildingId: optionalText,
  buurtCode: optionalText.pipe(z.union([z.literal(''), z.string().regex(/^BU[0-9]{8}$/, 'a buurtcode is BU and 8 digits')])),
});

/** Record from validated attributes and a position; the id falls back to postcode + number + letter + addition. */
export function toParsedAddress(a: z.infer<typeof addressAttributes>, position: PointRd): ParsedAddress {
  const fallbackId = `${a.postcode}-${a.houseNumber}${a.houseLetter}${a.addition ? `-${a.addition}` : ''}`;
  return {
    id: (a.id || fallbackId).slice(0, 64),
    position,
    postcode: a.postcode,
    houseNumber: a.houseNumber,
    houseLetter: a.houseLetter || null,
    street: a.street,
    ...(a.buildingId ? { buildingId: a.buildingId } : {}),
    ...(a.buurtCode ? { buurtCode: a.buurtCode } : {}),
  };
}
