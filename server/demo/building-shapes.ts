// Footprint shapes in a plot's local frame: x runs along the street, y from the façade line (y = 0) into
// the plot. Every shape keeps a full-width strip along the façade, so address points just behind the
// façade always fall inside the building. Outer rings counter-clockwise, holes clockwise (in local axes).
import type { PointRd } from '../contracts/model.ts';

export type LocalPolygon = PointRd[][];

export function rectShape(x0: number, w: number, d: number): LocalPolygon {
  return [
    [
      [x0, 0],
      [x0 + w, 0],
      [x0 + w, d],
      [x0, d],
    ],
  ];
}

/** A front block of depth frontD plus a rear wing of width wingW on one side, reaching depth d. */
export function lShape(x0: number, w: number, frontD: number, d: number, wingW: number, wingLeft: boolean): LocalPolygon {
  if (wingLeft) {
    return [
      [
        [x0, 0],
        [x0 + w, 0],
        [x0 + w, frontD],
        [x0 + wingW, frontD],
        [x0 + wingW, d],
        [x0, d],
      ],
    ];
  }
  return [
    [
      [x0, 0],
      [x0 + w, 0],
      [x0 + w, d],
      [x0 + w - wingW, d],
      [x0 + w - wingW, frontD],
      [x0, frontD],
    ],
  ];
}

/** A front block with a centred rear wing (stem) of width stemW reaching depth d. */
export function tShape(x0: number, w: number, frontD: number, d: number, stemW: number): LocalPolygon {
  const a = x0 + (w - stemW) / 2;
  const b = a + stemW;
  return [
    [
      [x0, 0],
      [x0 + w, 0],
      [x0 + w, frontD],
      [b, frontD],
      [b, d],
      [a, d],
      [a, frontD],
      [x0, frontD],
    ],
  ];
}

/** A front block of depth frontD with two rear arms of width armW reaching depth d: open at the back. */
export function uShape(x0: number, w: number, frontD: number, d: number, armW: number): LocalPolygon {
  return [
    [
      [x0, 0],
      [x0 + w, 0],
      [x0 + w, d],
      [x0 + w - armW, d],
      [x0 + w - armW, frontD],
      [x0 + armW, frontD],
      [x0 + armW, d],
      [x0, d],
    ],
  ];
}

/** A closed perimeter block of wall thickness t around a courtyard (the hole). */
export function courtyardShape(x0: number, w: number, d: number, t: number): LocalPolygon {
  return [
    ...rectShape(x0, w, d),
    [
      [x0 + t, t],
      [x0 + t, d - t],
      [x0 + w - t, d - t],
      [x0 + w - t, t],
    ],
  ];
}
