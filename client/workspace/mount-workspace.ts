// The planner's workspace in the viewer: sign-in and scenarios in the sidebar, the comparison over the globe, the
// algorithm register (and, for admins, the audit log) behind header buttons, and the text alternative of the 3D
// view. main.ts calls this once.
import type { Scenario, ScenarioInputs } from '../../server/contracts/workspace.ts';
import { fetchFibreDefaults, type PopSite } from '../api/fibre-api.ts';
import { isDefaultVisible, type LayerInfo } from '../api/twin-api.ts';
import { createWorkspaceApi } from '../api/workspace-api.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../geo/rd.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { fivegCandidatesOf, isLayerVisible, withLayerVisibility, type AppState } from '../state/app-state.ts';
import type { ModeContext } from '../modes/mode-context.ts';
import { createAuditPage } from './audit-page.ts';
import { createCameraBridge } from './camera-bridge.ts';
import { createCompareSwipe } from './compare-swipe.ts';
import { CURRENT, createCompareView } from './compare-view.ts';
import { createRegisterPage } from './register-page.ts';
import { createScenarioPanel, type ScenarioContext } from './scenario-panel.ts';
import { candidatesFromAntennas, inputsFromSelection, popSiteAt } from './scenario-inputs.ts';
import { createSignInForm } from './sign-in-form.ts';
import { createTextAlternative } from './text-alternative.ts';
import { createWorkspaceSession, type WorkspaceSession } from './workspace-session.ts';

/** What the workspace needs from main.ts: the same viewer context the modes get, minus their frame hooks. */
export type WorkspaceMount = Pick<ModeContext, 'store' | 'scene' | 'twin' | 'layers' | 'algorithms' | 'header' | 'sidebar' | 'viewerContainer'>;

/** Test and debugging hooks (test/e2e/workspace-planner.test.ts). */
export interface WorkspaceTestApi {
  session: WorkspaceSession;
  description(): string;
  swipeCounts(): { a: number; b: number };
}

declare global {
  interface Window {
    __tweelingWorkspace?: WorkspaceTestApi;
  }
}

function visibleLayerIds(state: AppState, layers: readonly LayerInfo[]): string[] {
  return layers.filter((l) => isLayerVisible(state, l.id, isDefaultVisible(l))).map((l) => l.id);
}

export function mountWorkspace({ store, scene, twin, layers, algorithms, header, sidebar, viewerContainer }: WorkspaceMount): WorkspaceTestApi {
  const api = createWorkspaceApi();
  const session = createWorkspaceSession(api);
  const camera = createCameraBridge(scene);
  let popSites: Promise<PopSite[]> | undefined;
  const loadPopSites = () => (popSites ??= fetchFibreDefaults().then((d) => d.popSites, () => []));

  const context: ScenarioContext = {
    async currentInputs(): Promise<ScenarioInputs> {
      const state = store.state;
      const sites = state.fibrePop ? await loadPopSites() : [];
      return inputsFromSelection(
        { candidates: fivegCandidatesOf(state), fibrePop: state.fibrePop, fibreBuurten: state.fibreBuurten, visibleLayers: visibleLayerIds(state, layers), camera: camera.current() },
        sites,
        lonLatDegToRd,
      );
    },
    describeCurrent(lang: Language) {
      const state = store.state;
      const parts = [translate(lang, 'ws.takes.antennas', { count: fivegCandidatesOf(state).length })];
      if (state.fibrePop) parts.push(translate(lang, 'ws.takes.fibre', { pop: state.fibrePop, count: state.fibreBuurten?.length ?? 0 }));
      parts.push(translate(lang, 'ws.takes.view', { count: visibleLayerIds(state, layers).length }));
      return translate(lang, 'ws.takes', { parts: parts.join(', ') });
    },
    open(scenario: Scenario) {
      void (async () => {
        const inputs = scenario.inputs;
        const sites = inputs.fibre ? await loadPopSites() : [];
        const fibrePop = inputs.fibre ? popSiteAt(inputs.fibre.popPositionRd, sites, lonLatDegToRd) : undefined;
        let next: AppState = {
          ...store.state,
          scenarioId: scenario.id,
          fivegCandidates: candidatesFromAntennas(inputs.antennas ?? [], rdToLonLatDeg),
          fibrePop,
          fibreBuurten: inputs.fibre?.buurtCodes ?? [],
        };
        if ((inputs.layers ?? []).length > 0) {
          for (const l of layers) next = withLayerVisibility(next, l.id, inputs.layers.includes(l.id), isDefaultVisible(l));
        }
        store.set(next);
        const view = inputs.views?.[0]?.camera;
        if (view) camera.show(view);
      })();
    },
  };

  sidebar.prepend(createSignInForm(store, session), createScenarioPanel(store, session, context));

  const swipe = createCompareSwipe(scene, twin.groundHeightM);
  const compare = createCompareView(store, session, (a, b) => api.compareScenarios(a, b), swipe);
  viewerContainer.append(compare.panel, compare.overlay);

  const register = createRegisterPage(store, algorithms, layers);
  header.append(register.button);
  document.body.append(register.dialog);
  const audit = createAuditPage(store, session, api);
  header.append(audit.button);
  document.body.append(audit.dialog);

  const textAlternative = createTextAlternative(() => {
    const state = store.state;
    const scenario = session.find(state.scenarioId);
    const view = camera.current();
    const nameOf = (id: string | undefined) => (id === CURRENT ? translate(state.lang, 'ws.compare.current') : (session.find(id)?.name ?? '—'));
    return {
      lang: state.lang,
      facts: {
        twinName: twin.name,
        visibleLayers: layers.filter((l) => isLayerVisible(state, l.id, isDefaultVisible(l))).map((l) => l.title?.[state.lang] ?? l.id),
        // Height above the town's ground, which is what a reader means by "how high".
        camera: { ...view, heightM: view.heightM - twin.groundHeightM },
        buildingCount: twin.counts?.buildings,
        candidateCount: fivegCandidatesOf(state).length,
        scenario: scenario ? { name: scenario.name, indicators: scenario.indicators } : undefined,
        compare: state.compareId && state.scenarioId && session.canCompare() ? { a: nameOf(state.scenarioId), b: nameOf(state.compareId) } : undefined,
      },
    };
  });
  viewerContainer.prepend(textAlternative.element);
  viewerContainer.setAttribute('aria-describedby', 'ws-view-description');
  store.subscribe(() => textAlternative.update());
  session.subscribe(() => textAlternative.update());
  camera.onRest(() => textAlternative.update());

  void session.start();
  const hooks: WorkspaceTestApi = { session, description: () => textAlternative.text(), swipeCounts: () => swipe.counts() };
  window.__tweelingWorkspace = hooks;
  return hooks;
}
