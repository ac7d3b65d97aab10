// Moving a candidate antenna: the hit test that decides which marker a press grabs, metre steps through RD New,
// and the candidate a drop on a roof or a street gives.
import { describe, expect, it } from 'vitest';
import { dropCandidate, GRAB_RADIUS_PX, moveByMetres, nearestCandidate, replaceCandidate, stepCandidate } from '../../client/fiveg/candidate-drag.ts';
import { createCandidate } from '../../client/fiveg/fiveg-candidate.ts';
import { lonLatDegToRd } from '../../client/geo/rd.ts';

const at = (x: number, y: number) => ({ x, y });

describe('nearestCandidate', () => {
  it('grabs the candidate whose nearest drawn point is closest, against a brute-force scan', () => {
    const drawn = [
      [at(100, 100), at(100, 60)],
      [at(110, 104), undefined],
      [undefined, at(300, 300)],
    ];
    const press = at(106, 103);
    const brute = drawn
      .flatMap((points, i) => points.map((p) => (p ? { i, d: Math.hypot(p.x - press.x, p.y - press.y) } : undefined)))
      .filter((e): e is { i: number; d: number } => e !== undefined && e.d <= GRAB_RADIUS_PX)
      .sort((a, b) => a.d - b.d)[0]?.i;
    expect(nearestCandidate(drawn, press)).toBe(brute);
    expect(nearestCandidate(drawn, press)).toBe(1);
  });

  it('grabs by the antenna point as well as the foot', () => {
    expect(nearestCandidate([[at(0, 0), at(200, 50)]], at(205, 55))).toBe(0);
  });

  it('grabs nothing farther than the radius or off screen', () => {
    expect(nearestCandidate([[at(100, 100)]], at(100 + GRAB_RADIUS_PX + 1, 100))).toBeUndefined();
    expect(nearestCandidate([[undefined, undefined]], at(0, 0))).toBeUndefined();
    expect(nearestCandidate([], at(0, 0))).toBeUndefined();
  });
});

describe('moveByMetres', () => {
  const delft: [number, number] = [4.3571, 52.0116];

  it('moves the RD New position by exactly the metres asked', () => {
    const [x0, y0] = lonLatDegToRd(delft);
    const [x1, y1] = lonLatDegToRd(moveByMetres(delft, 5, -5));
    expect(x1 - x0).toBeCloseTo(5, 2);
    expect(y1 - y0).toBeCloseTo(-5, 2);
  });

  it('moves north by about 5 m of latitude (1° ≈ 111.2 km) and keeps the longitude within the grid convergence', () => {
    const [lon, lat] = moveByMetres(delft, 0, 5);
    expect((lat - delft[1]) * 111_200).toBeCloseTo(5, 1);
    expect(Math.abs(lon - delft[0]) * 111_200 * Math.cos((delft[1] * Math.PI) / 180)).toBeLessThan(0.2);
  });
});

describe('moving candidates', () => {
  it('steps a candidate 5 m east and keeps its kind, building and settings', () => {
    const roof = createCandidate([5.1, 52.1], 'NL.IMBAG.Pand.1');
    const moved = stepCandidate(roof, 'east');
    const [x0] = lonLatDegToRd(roof.lonLat);
    const [x1] = lonLatDegToRd(moved.lonLat);
    expect(x1 - x0).toBeCloseTo(5, 2);
    expect({ ...moved, lonLat: roof.lonLat }).toEqual(roof);
  });

  it('a mast dropped on a roof becomes a rooftop candidate on that building with the rooftop support height', () => {
    const mast = { ...createCandidate([5.1, 52.1]), eirpDbm: 60, azimuthsDeg: [90] };
    const dropped = dropCandidate(mast, [5.2, 52.2], 'NL.IMBAG.Pand.2');
    expect(dropped).toEqual({ ...mast, kind: 'rooftop', lonLat: [5.2, 52.2], buildingId: 'NL.IMBAG.Pand.2', heightM: createCandidate([0, 0], 'x').heightM });
  });

  it('a rooftop candidate dropped on the street becomes a mast without a building', () => {
    const roof = { ...createCandidate([5.1, 52.1], 'NL.IMBAG.Pand.1'), heightM: 3 };
    const dropped = dropCandidate(roof, [5.3, 52.3]);
    expect(dropped.kind).toBe('mast');
    expect(dropped.buildingId).toBeUndefined();
    expect('buildingId' in dropped).toBe(false);
    expect(dropped.heightM).toBe(createCandidate([0, 0]).heightM);
  });

  it('a candidate dropped on another roof keeps its own support height', () => {
    const roof = { ...createCandidate([5.1, 52.1], 'NL.IMBAG.Pand.1'), heightM: 3 };
    expect(dropCandidate(roof, [5.2, 52.2], 'NL.IMBAG.Pand.9')).toMatchObject({ kind: 'rooftop', heightM: 3, buildingId: 'NL.IMBAG.Pand.9' });
  });

  it('replaces only the moved candidate in the list', () => {
    const list = [createCandidate([5.1, 52.1]), createCandidate([5.2, 52.2])];
    const moved = stepCandidate(list[1], 'north');
    const next = replaceCandidate(list, 1, moved);
    expect(next[0]).toBe(list[0]);
    expect(next[1]).toBe(moved);
    expect(list[1]).not.toBe(moved);
  });
});
