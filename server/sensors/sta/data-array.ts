// The DataArray extension for creating Observations in bulk (POST /CreateObservations): each row of `dataArray`
// holds the values of `components` in order. A group names a Datastream or (MultiDatastream extension) a
// MultiDatastream, whose rows' results must be arrays fitting its ObservedProperties. Every row is checked before anything is written; the caller inserts
// all rows in one transaction, so a batch is stored completely or not at all.
import { InvalidParameter } from '../../errors.ts';
import { parseInstantMs, parseTimeOrInterval } from '../time.ts';
import type { CreateObservationsBody } from './body-schemas.ts';
import { multiResultProblem } from './multi-datastream.ts';
import type { ObservationRow, SensorWriter } from './write-entities.ts';

/** Most Observations accepted in one request. */
export const MAX_BATCH_OBSERVATIONS = 100_000;

interface RowError {
  field: string;
  message: string;
}

/** Turns the batch into rows; throws InvalidParameter naming the first few bad cells. Call inside the transaction. */
export function dataArrayToRows(body: CreateObservationsBody, writer: SensorWriter, nowMs: number): ObservationRow[] {
  const total = body.reduce((n, g) => n + g.dataArray.length, 0);
  if (total > MAX_BATCH_OBSERVATIONS) {
    throw new InvalidParameter(`Invalid body: ${total} observations in one request; at most ${MAX_BATCH_OBSERVATIONS}`, {
      errors: [{ in: 'body', field: '(root)', message: 'too many observations' }],
    });
  }
  const errors: RowError[] = [];
  const rows: ObservationRow[] = [];
  body.forEach((group, g) => {
    const multiId = group.MultiDatastream?.['@iot.id'] ?? group['MultiDatastream@iot.id'];
    const set = multiId === undefined ? 'Datastreams' : 'MultiDatastreams';
    const streamId = multiId ?? group.Datastream!['@iot.id'];
    const streamField = multiId === undefined ? `${g}.Datastream` : group.MultiDatastream ? `${g}.MultiDatastream` : `${g}.MultiDatastream@iot.id`;
    try {
      writer.requireExisting(set, streamId, streamField);
    } catch {
      errors.push({ field: streamField, message: `no ${set === 'Datastreams' ? 'Datastream' : 'MultiDatastream'} with @iot.id ${streamId}` });
      return;
    }
    const dataTypes = multiId === undefined ? undefined : writer.multiDataTypes(multiId);
    const c = group.components;
    if (new Set(c).size !== c.length) errors.push({ field: `${g}.components`, message: 'a component is listed twice' });
    if (!c.includes('result')) errors.push({ field: `${g}.components`, message: 'result is required' });
    const idx = (name: string) => c.indexOf(name as (typeof c)[number]);
    const [iPt, iRes, iRt, iRq, iVt, iPar, iFoi] = ['phenomenonTime', 'result', 'resultTime', 'resultQuality', 'validTime', 'parameters', 'FeatureOfInterest/id'].map(idx);
    let derivedFoi: number | undefined;
    group.dataArray.forEach((cells, r) => {
      if (errors.length >= 10) return;
      const at = `${g}.dataArray.${r}`;
      if (cells.length !== c.length) {
        errors.push({ field: at, message: `has ${cells.length} values for ${c.length} components` });
        return;
      }
      let pt = { startMs: nowMs, endMs: nowMs, isInterval: false };
      if (iPt >= 0) {
        const parsed = typeof cells[iPt] === 'string' ? parseTimeOrInterval(cells[iPt] as string) : undefined;
        if (!parsed) return void errors.push({ field: `${at}.${iPt}`, message: 'phenomenonTime is not an ISO 8601 date-time or interval' });
        pt = parsed;
      }
      let resultTimeMs: number | null = null;
      if (iRt >= 0 && cells[iRt] !== null) {
        const parsed = typeof cells[iRt] === 'string' ? parseInstantMs(cells[iRt] as string) : undefined;
        if (parsed === undefined) return void errors.push({ field: `${at}.${iRt}`, message: 'resultTime is not an ISO 8601 date-time' });
        resultTimeMs = parsed;
      }
      let validTime: { startMs: number; endMs: number } | undefined;
      if (iVt >= 0 && cells[iVt] !== null) {
        const parsed = typeof cells[iVt] === 'string' ? parseTimeOrInterval(cells[iVt] as string) : undefined;
        if (!parsed?.isInterval) return void errors.push({ field: `${at}.${iVt}`, message: 'validTime is not an ISO 8601 interval' });
        validTime = parsed;
      }
      if (dataTypes) {
        const problem = multiResultProblem(cells[iRes], dataTypes);
        if (problem) return void errors.push({ field: `${at}.${iRes}`, message: `result ${problem}` });
      }
      if (iPar >= 0 && cells[iPar] !== null && (typeof cells[iPar] !== 'object' || Array.isArray(cells[iPar]))) {
        return void errors.push({ field: `${at}.${iPar}`, message: 'parameters must be a JSON object' });
      }
      let foi: number;
      if (iFoi >= 0) {
        const v = cells[iFoi];
        const id = typeof v === 'number' ? v : typeof v === 'string' && /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : NaN;
        try {
          foi = writer.requireExisting('FeaturesOfInterest', id, `${at}.${iFoi}`);
        } catch {
          return void errors.push({ field: `${at}.${iFoi}`, message: `no FeatureOfInterest with @iot.id ${String(v).slice(0, 20)}` });
        }
      } else {
        try {
          derivedFoi ??= writer.derivedFeatureOfInterest(streamId, `${g}.components`, set);
        } catch (err) {
          return void errors.push({ field: `${g}.components`, message: (err as Error).message.replace(/^Invalid body parameter: [^:]+: /, '') });
        }
        foi = derivedFoi;
      }
      rows.push({
        datastreamId: multiId === undefined ? streamId : null,
        multiDatastreamId: multiId ?? null,
        featureOfInterestId: foi,
        phenomenonTimeMs: pt.startMs,
        phenomenonTimeEndMs: pt.isInterval ? pt.endMs : null,
        resultTimeMs,
        result: cells[iRes],
        resultQuality: iRq >= 0 ? cells[iRq] : undefined,
        validTimeStartMs: validTime?.startMs ?? null,
        validTimeEndMs: validTime?.endMs ?? null,
        parameters: iPar >= 0 ? cells[iPar] : undefined,
      });
    });
  });
  if (errors.length > 0) {
    throw new InvalidParameter(`Invalid body: nothing was stored: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
      errors: errors.map((e) => ({ in: 'body', ...e })),
    });
  }
  return rows;
}
