// The workspace routes (accounts, scenarios, briefings, audit) as entries for the API's OpenAPI document
// (api/api-openapi.ts), with the same zod schemas the routers validate with.
import { z } from 'zod';
import { briefingInputSchema, idSchema, loginRequestSchema, scenarioInputSchema, scenarioUpdateSchema } from '../contracts/workspace.ts';
import { auditQuery } from './audit-router.ts';
import { compareQuery, restoreBody } from './scenarios/scenario-router.ts';

type Body = [string, z.ZodType];
const idParams = z.object({ id: idSchema });
const PLANNER = ['planner'];
const READERS = ['planner', 'council'];
const ADMIN = ['admin'];
const CSRF = 'Signed-in callers send the X-CSRF-Token header from login/me (403 without it).';
const CITIZEN_404 = 'Citizens (anonymous) see published scenarios only: a draft is a 404 for them.';

export const workspaceGetOperations = () => ({
  '/api/auth/me': { tag: 'workspace', summary: 'The signed-in user and the CSRF token, or { user: null } for an anonymous citizen', ok: 'SessionInfo' },
  '/api/scenarios': { tag: 'workspace', summary: `Scenarios, newest first: { scenarios }. ${CITIZEN_404}`, ok: 'Scenarios' },
  '/api/scenarios/compare': {
    tag: 'workspace',
    summary: 'Indicators of two scenarios side by side (b may be `current`, the current situation) with b − a and which is better per row',
    query: compareQuery,
    ok: 'Comparison',
    notFound: true,
    needsData: true,
    roles: READERS,
  },
  '/api/scenarios/{id}': { tag: 'workspace', summary: `One scenario at its current version. ${CITIZEN_404}`, params: idParams, ok: 'Scenario', notFound: true },
  '/api/scenarios/{id}/versions': { tag: 'workspace', summary: 'Version history, newest first: { versions } with author, time, change note and changed fields', params: idParams, ok: 'Versions', notFound: true, roles: READERS },
  '/api/briefings': { tag: 'workspace', summary: 'Council briefings: { briefings }', ok: 'Briefings', roles: READERS },
  '/api/briefings/{id}': { tag: 'workspace', summary: 'One briefing', params: idParams, ok: 'Briefing', notFound: true, roles: READERS },
  '/api/audit': { tag: 'workspace', summary: 'Audit log entries, newest first: { entries }; page with before = the last seq', query: auditQuery, ok: 'Audit entries', roles: ADMIN },
  '/api/audit/verify': { tag: 'workspace', summary: 'Checks the hash chain: { ok, entries, brokenAt? }', ok: 'Verification', roles: ADMIN },
});

export const workspacePostOperations = () => ({
  '/api/auth/login': {
    tag: 'workspace',
    summary: 'Sign in: sets the HttpOnly, SameSite=Strict cookie tweeling_session and answers SessionInfo with the CSRF token',
    body: ['LoginRequest', loginRequestSchema] as Body,
    ok: 'SessionInfo',
    problems: { '401': 'Wrong username or password', '429': 'Too many failed sign-ins for this username from this client; see Retry-After' },
  },
  '/api/auth/logout': { tag: 'workspace', summary: `Sign out. ${CSRF}`, ok: 'Signed out', noContent: true, problems: { '403': 'Missing or wrong X-CSRF-Token' } },
  '/api/scenarios': { tag: 'workspace', summary: `Create a draft scenario (body up to 1 MiB). ${CSRF}`, body: ['ScenarioInput', scenarioInputSchema] as Body, ok: 'Scenario', created: true, roles: PLANNER },
  '/api/scenarios/{id}/duplicate': { tag: 'workspace', summary: 'Copy as a new draft', params: idParams, ok: 'Scenario', created: true, notFound: true, roles: PLANNER },
  '/api/scenarios/{id}/restore': { tag: 'workspace', summary: 'A new version equal to an old one', params: idParams, body: ['ScenarioRestore', restoreBody] as Body, ok: 'Scenario', notFound: true, roles: PLANNER },
  '/api/scenarios/{id}/publish': { tag: 'workspace', summary: 'Publish: citizens can see it', params: idParams, ok: 'Scenario', notFound: true, roles: PLANNER },
  '/api/scenarios/{id}/unpublish': { tag: 'workspace', summary: 'Back to draft', params: idParams, ok: 'Scenario', notFound: true, roles: PLANNER },
  '/api/scenarios/{id}/run': {
    tag: 'workspace',
    summary: 'Compute the indicators (5G coverage and EMF for the stored plus the scenario antennas; FTTH design when inputs.fibre is set) synchronously and store them on the current version',
    params: idParams,
    ok: 'Scenario with indicators',
    notFound: true,
    needsData: true,
    roles: PLANNER,
  },
  '/api/briefings': { tag: 'workspace', summary: 'Create a briefing', body: ['BriefingInput', briefingInputSchema] as Body, ok: 'Briefing', created: true, roles: PLANNER },
});

export const workspacePutOperations = () => ({
  '/api/scenarios/{id}': {
    tag: 'workspace',
    summary: 'Save a new version (body up to 1 MiB); 409 when expectedVersion is not the current version',
    params: idParams,
    body: ['ScenarioUpdate', scenarioUpdateSchema] as Body,
    ok: 'Scenario',
    notFound: true,
    roles: PLANNER,
    problems: { '409': 'Someone saved a newer version in the meantime (details.currentVersion)' },
  },
  '/api/briefings/{id}': { tag: 'workspace', summary: 'Replace a briefing', params: idParams, body: ['BriefingInput', briefingInputSchema] as Body, ok: 'Briefing', notFound: true, roles: PLANNER },
});

export const workspaceDeleteOperations = () => ({
  '/api/scenarios/{id}': { tag: 'workspace', summary: 'Soft delete: gone from every route, kept for the audit trail', params: idParams, ok: 'Deleted', noContent: true, notFound: true, roles: PLANNER },
  '/api/briefings/{id}': { tag: 'workspace', summary: 'Delete a briefing', params: idParams, ok: 'Deleted', noContent: true, notFound: true, roles: PLANNER },
});
