// The result rule of the MultiDatastream extension as a pure function: one value per ObservedProperty, each of
// the kind its multiObservationDataType names (null allowed for a missing value).
import { describe, expect, it } from 'vitest';
import { multiResultProblem } from '../../server/sensors/sta/multi-datastream.ts';

const OM = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/';
const types = [`${OM}OM_Measurement`, `${OM}OM_CountObservation`, `${OM}OM_TruthObservation`, `${OM}OM_CategoryObservation`, `${OM}OM_Observation`];

describe('multiResultProblem', () => {
  it('accepts one fitting value per member, nulls included, and anything for OM_Observation', () => {
    expect(multiResultProblem([1.5, 3, true, 'http://example.org/wet', { any: 'thing' }], types)).toBeUndefined();
    expect(multiResultProblem([null, null, null, null, null], types)).toBeUndefined();
  });

  it.each([
    [{ a: 1 }, 'must be an array with one value per ObservedProperty (5)'],
    [[1.5, 3, true, 'x'], 'has 4 values; this MultiDatastream has 5 ObservedProperties'],
    [['1.5', 3, true, 'x', 0], 'member 0 must be a number (OM_Measurement) or null'],
    [[1.5, 3.5, true, 'x', 0], 'member 1 must be an integer (OM_CountObservation) or null'],
    [[1.5, 3, 'yes', 'x', 0], 'member 2 must be true or false (OM_TruthObservation) or null'],
    [[1.5, 3, true, 4, 0], 'member 3 must be a string (category URI) (OM_CategoryObservation) or null'],
  ])('refuses %j: %s', (result, message) => {
    expect(multiResultProblem(result, types)).toBe(message);
  });
});
