// The buildings 3D Tiles layer. Follows the state: visibility, colour mode, the selected building, and the
// buildings above their omgevingsplan height norm.
import { Color, Cesium3DTileStyle, Cesium3DTileset, StyleExpression, type Cesium3DTileFeature, type Scene } from '@cesium/engine';
import type { ColourMode } from '../state/app-state.ts';
import { buildingStyle } from './building-style.ts';
import { EXCEEDANCE_COLOUR } from './plan-style.ts';

export interface BuildingsLayer {
  tileset: Cesium3DTileset;
  setVisible(visible: boolean): void;
  /**
   * `highlighted`: ids drawn in the exceedance colour over the colour mode (the selection still wins).
   * `colours`: per-building CSS colours (a scenario result such as 5G coverage) drawn over both.
   */
  setStyle(mode: ColourMode, selectedId: string | null, highlighted?: ReadonlySet<string>, colours?: ReadonlyMap<string, string>): void;
  /** Resolves once the tiles needed for the first view are loaded. */
  initialTilesLoaded: Promise<void>;
}

/**
 * Colours the ids in a set, and delegates every other feature to the colour mode's expression. A Set lookup per
 * feature instead of a 200-way `${identificatie} === '…'` condition chain, which Cesium would evaluate linearly.
 */
class HighlightExpression extends StyleExpression {
  readonly #base: StyleExpression;
  readonly #ids: ReadonlySet<string>;
  readonly #selectedId: string | null;
  readonly #colour = Color.fromCssColorString(EXCEEDANCE_COLOUR);

  constructor(base: StyleExpression, ids: ReadonlySet<string>, selectedId: string | null) {
    super();
    this.#base = base;
    this.#ids = ids;
    this.#selectedId = selectedId;
  }

  #highlighted(feature: Cesium3DTileFeature): boolean {
    const id: unknown = feature?.getProperty('identificatie');
    return typeof id === 'string' && id !== this.#selectedId && this.#ids.has(id);
  }

  override evaluate(feature: Cesium3DTileFeature, result?: Color): Color {
    return this.evaluateColor(feature, result);
  }

  override evaluateColor(feature: Cesium3DTileFeature, result?: Color): Color {
    if (this.#highlighted(feature)) return Color.clone(this.#colour, result);
    return this.#base.evaluateColor(feature, result);
  }
}

/** Per-building colours from a map (id → CSS colour); other features keep the base expression's colour. */
class ColourMapExpression extends StyleExpression {
  readonly #base: StyleExpression;
  readonly #colours: Map<string, Color>;
  readonly #selectedId: string | null;

  constructor(base: StyleExpression, colours: ReadonlyMap<string, string>, selectedId: string | null) {
    super();
    this.#base = base;
    this.#selectedId = selectedId;
    // Parsed once here, not per feature and frame.
    const cache = new Map<string, Color>();
    this.#colours = new Map();
    for (const [id, css] of colours) {
      if (!cache.has(css)) cache.set(css, Color.fromCssColorString(css));
      this.#colours.set(id, cache.get(css)!);
    }
  }

  override evaluate(feature: Cesium3DTileFeature, result?: Color): Color {
    return this.evaluateColor(feature, result);
  }

  override evaluateColor(feature: Cesium3DTileFeature, result?: Color): Color {
    const id: unknown = feature?.getProperty('identificatie');
    const colour = typeof id === 'string' && id !== this.#selectedId ? this.#colours.get(id) : undefined;
    return colour ? Color.clone(colour, result) : this.#base.evaluateColor(feature, result);
  }
}

export async function createBuildingsLayer(scene: Scene, url: string): Promise<BuildingsLayer> {
  const tileset = await Cesium3DTileset.fromUrl(url, {
    // Town-scale data, viewed from a few hundred metres: 16 px keeps software WebGL responsive.
    maximumScreenSpaceError: 16,
    showCreditsOnScreen: false,
  });
  const initialTilesLoaded = new Promise<void>((resolve) => {
    tileset.initialTilesLoaded.addEventListener(() => resolve());
  });
  scene.primitives.add(tileset);
  let styleKey = '';
  let lastHighlighted: ReadonlySet<string> | undefined;
  let lastColours: ReadonlyMap<string, string> | undefined;
  return {
    tileset,
    initialTilesLoaded,
    setVisible(visible) {
      tileset.show = visible;
      scene.requestRender();
    },
    setStyle(mode, selectedId, highlighted, colours) {
      const key = `${mode}|${selectedId ?? ''}|${highlighted?.size ?? 0}|${colours?.size ?? 0}`;
      if (key === styleKey && highlighted === lastHighlighted && colours === lastColours) return;
      styleKey = key;
      lastHighlighted = highlighted;
      lastColours = colours;
      const style = new Cesium3DTileStyle(buildingStyle(mode, selectedId));
      if (highlighted && highlighted.size > 0 && style.color) {
        style.color = new HighlightExpression(style.color, highlighted, selectedId);
      }
      if (colours && colours.size > 0 && style.color) style.color = new ColourMapExpression(style.color, colours, selectedId);
      tileset.style = style;
      scene.requestRender();
    },
  };
}
