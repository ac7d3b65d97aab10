// RD New (EPSG:28992) ↔ CRS84 in the browser, with the same proj4 definition as the server (server/geo/crs.ts), so
// a candidate placed here lands on the same RD metre the server computes with. The 5G API speaks RD; the globe CRS84.
import proj4 from 'proj4';
import type { LonLat } from '../state/app-state.ts';

const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const converter = proj4(RD_NEW_PROJ4, 'EPSG:4326');

export function rdToLonLatDeg(x: number, y: number): [number, number] {
  const [lon, lat] = converter.forward([x, y]);
  return [lon, lat];
}

export function lonLatDegToRd(lonLat: LonLat): [number, number] {
  const [x, y] = converter.inverse([lonLat[0], lonLat[1]]);
  return [x, y];
}
