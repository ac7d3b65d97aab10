// deck.gl layers for the sensors at one hour: a column per sensor coloured by its value, and for air quality an
// interpolated (IDW) surface on the ground. Positions are in the viewer's local ENU frame (viewer/local-frame.ts).
import type { Layer } from '@deck.gl/core';
import { ColumnLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { rgba } from '../layers/plan-style.ts';
import type { IdwGrid } from './idw.ts';
import { colourOf, type QuantityStyle } from './sensor-classes.ts';

type Enu = [number, number, number];

export interface SensorColumn {
  siteId: string;
  position: Enu;
  value: number;
  reference: boolean;
}

const COLUMN_RADIUS_M = 14;
const FLAT = { depthWriteEnabled: false, depthCompare: 'always' } as const;
export const SENSOR_COLUMNS_LAYER_ID = 'sensor-columns';

/** The surface as coloured ground cells; empty cells (no sensor near) are left out. */
export function surfaceCells(grid: IdwGrid, style: QuantityStyle, z: number): { polygon: Enu[]; colour: [number, number, number, number] }[] {
  const cells: { polygon: Enu[]; colour: [number, number, number, number] }[] = [];
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const v = grid.values[r * grid.cols + c];
      if (!Number.isFinite(v)) continue;
      const x = grid.x0 + c * grid.cellM;
      const y = grid.y0 + r * grid.cellM;
      const s = grid.cellM;
      cells.push({ polygon: [[x, y, z], [x + s, y, z], [x + s, y + s, z], [x, y + s, z]], colour: rgba(colourOf(style, v), 0.3) });
    }
  }
  return cells;
}

export function sensorLayers(
  columns: SensorColumn[],
  surface: ReturnType<typeof surfaceCells> | null,
  style: QuantityStyle,
  hourKey: string,
  visible: boolean,
  opacity: number,
): Layer[] {
  const layers: Layer[] = [];
  if (surface) {
    layers.push(
      new SolidPolygonLayer<(typeof surface)[number]>({
        id: 'sensor-surface',
        data: surface,
        getPolygon: (d) => d.polygon,
        getFillColor: (d) => d.colour,
        visible,
        opacity,
        parameters: FLAT,
        updateTriggers: { getFillColor: hourKey },
      }) as Layer,
    );
  }
  layers.push(
    new ColumnLayer<SensorColumn>({
      id: SENSOR_COLUMNS_LAYER_ID,
      data: columns,
      diskResolution: 12,
      radius: COLUMN_RADIUS_M,
      extruded: true,
      getPosition: (d) => d.position,
      // Reference stations stand taller, so the eye finds the official measurement first.
      getElevation: (d) => (d.reference ? 60 : 35),
      getFillColor: (d) => rgba(colourOf(style, d.value), 1),
      getLineColor: [30, 30, 30, 255],
      pickable: true,
      visible,
      opacity: Math.max(opacity, 0.6),
      updateTriggers: { getFillColor: hourKey },
    }) as Layer,
  );
  return layers;
}
