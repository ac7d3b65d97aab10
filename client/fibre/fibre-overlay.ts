// Keeps a fibre design on the globe: routes, homes and cabinets (deck.gl), shown while the fibre tool is open.
import type { FibreAddress, FibreDesign } from '../api/fibre-api.ts';
import type { TwinInfo } from '../api/twin-api.ts';
import { drawnFibre, fibreLayers, type DrawnFibre, type DrawnHome } from '../layers/fibre-layers.ts';
import type { StateStore } from '../state/app-state.ts';
import type { DeckOverlay } from '../viewer/deck-overlay.ts';
import type { LocalFrame } from '../viewer/local-frame.ts';
import { homeStatus } from './fibre-request.ts';

const HOME_LIFT_M = 1.5;

export interface FibreOverlay {
  show(design: FibreDesign, addresses: readonly FibreAddress[], targeted: readonly string[]): void;
}

export function createFibreOverlay(overlay: DeckOverlay, frame: LocalFrame, twin: TwinInfo, store: StateStore): FibreOverlay {
  let drawn: DrawnFibre | undefined;
  let homes: DrawnHome[] = [];
  let version = 0;
  const render = () => overlay.setLayers('fibre', fibreLayers(drawn, homes, version, store.state.tool === 'fibre'));
  store.subscribe((state, previous) => {
    if (state.tool !== previous.tool || state === previous) render();
  });
  return {
    show(design, addresses, targeted) {
      version++;
      drawn = drawnFibre(design, frame, twin.groundHeightM);
      const targetedSet = new Set(targeted);
      const disconnected = new Set(design.disconnected.listed.map((d) => d.addressId));
      homes = addresses.map((a) => ({
        position: frame.fromDegrees(a.lonLat[0], a.lonLat[1], twin.groundHeightM + HOME_LIFT_M),
        status: homeStatus(a.hasFibre, a.buurtCode, targetedSet, disconnected, a.id),
      }));
      render();
    },
  };
}
