// Imported first by main.ts: Cesium looks up its workers and assets under CESIUM_BASE_URL, which the server
// serves from node_modules/cesium/Build/Cesium. Setting it before any Cesium code runs keeps every request same-origin.
declare global {
  interface Window {
    CESIUM_BASE_URL?: string;
  }
}

window.CESIUM_BASE_URL = '/cesium/';

export {};
