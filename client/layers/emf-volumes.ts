// EMF safety volumes (veiligheidsafstand, ICNIRP main beam) as translucent 3D wedges around each sector antenna:
// Cesium primitives, not deck.gl, because a volume must be depth-tested against the buildings to read as one
// (docs/adr/0004). The existing network's volumes are built once; the candidates' are rebuilt when they change.
import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  Primitive,
  PrimitiveCollection,
  type Scene,
} from '@cesium/engine';
import { safetyVolumeSpanM, sectorRing } from '../fiveg/sector-geometry.ts';

export interface SafetyVolume {
  lonLat: readonly [number, number];
  /** Ellipsoidal height of the antenna's centre, metres. */
  centreHeightM: number;
  azimuthDeg: number;
  hBeamwidthDeg: number;
  vBeamwidthDeg: number;
  downtiltDeg: number;
  safetyDistanceM: number;
}

export const EXISTING_VOLUME_COLOUR = '#ffb000';
export const CANDIDATE_VOLUME_COLOUR = '#d62878';
const VOLUME_ALPHA = 0.35;
const METRES_PER_DEGREE_LAT = 111_320;

function instance(v: SafetyVolume, colour: Color): GeometryInstance | undefined {
  if (!(v.safetyDistanceM > 0.1)) return undefined;
  const [lon, lat] = v.lonLat;
  const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
  // Metres → degrees with a local scale: the volumes are metres to tens of metres across.
  const ring = sectorRing([0, 0], v.azimuthDeg, v.safetyDistanceM, v.hBeamwidthDeg, 10)
    .slice(0, -1)
    .map(([e, n]) => Cartesian3.fromDegrees(lon + e / metresPerDegreeLon, lat + n / METRES_PER_DEGREE_LAT));
  const { belowM, aboveM } = safetyVolumeSpanM(v.safetyDistanceM, v.vBeamwidthDeg, v.downtiltDeg);
  return new GeometryInstance({
    geometry: new PolygonGeometry({
      polygonHierarchy: new PolygonHierarchy(ring),
      height: v.centreHeightM - belowM,
      extrudedHeight: v.centreHeightM + aboveM,
      vertexFormat: PerInstanceColorAppearance.FLAT_VERTEX_FORMAT,
    }),
    attributes: { color: ColorGeometryInstanceAttribute.fromColor(colour) },
  });
}

function volumesPrimitive(volumes: SafetyVolume[], css: string): Primitive | undefined {
  const colour = Color.fromCssColorString(css).withAlpha(VOLUME_ALPHA);
  const instances = volumes.map((v) => instance(v, colour)).filter((i): i is GeometryInstance => i !== undefined);
  if (instances.length === 0) return undefined;
  return new Primitive({
    geometryInstances: instances,
    appearance: new PerInstanceColorAppearance({ flat: true, translucent: true, closed: true }),
    allowPicking: false,
    asynchronous: false,
  });
}

export interface EmfVolumesLayer {
  setExisting(volumes: SafetyVolume[]): void;
  setCandidates(volumes: SafetyVolume[]): void;
  setVisible(existing: boolean, candidates: boolean): void;
}

export function createEmfVolumesLayer(scene: Scene): EmfVolumesLayer {
  const existing = new PrimitiveCollection();
  const candidates = new PrimitiveCollection();
  existing.show = false;
  candidates.show = false;
  scene.primitives.add(existing);
  scene.primitives.add(candidates);
  let candidateKey = '';
  return {
    setExisting(volumes) {
      existing.removeAll();
      const p = volumesPrimitive(volumes, EXISTING_VOLUME_COLOUR);
      if (p) existing.add(p);
      scene.requestRender();
    },
    setCandidates(volumes) {
      const key = JSON.stringify(volumes);
      if (key === candidateKey) return;
      candidateKey = key;
      candidates.removeAll();
      const p = volumesPrimitive(volumes, CANDIDATE_VOLUME_COLOUR);
      if (p) candidates.add(p);
      scene.requestRender();
    },
    setVisible(showExisting, showCandidates) {
      if (existing.show === showExisting && candidates.show === showCandidates) return;
      existing.show = showExisting;
      candidates.show = showCandidates;
      scene.requestRender();
    },
  };
}
