// Stub: filled in by the workspace issue (#7).
import { Router } from 'express';
import type { Store } from '../../store/store.ts';
import type { Workspace } from '../workspace.ts';

export function briefingRouter(_workspace: Workspace, _store: Store): Router {
  return Router();
}
