// The participation routes as entries for the API's OpenAPI document (api/api-openapi.ts), with the same zod
// schemas the router validates with.
import { z } from 'zod';
import { commentInputSchema, idSchema, moderationSchema, participationSessionInputSchema } from '../contracts/workspace.ts';
import { commentListQuery } from './participation-router.ts';

const idParams = z.object({ id: idSchema });
const PLANNER = ['planner'];
const RATE_LIMITED = 'More than 5 comments in 10 minutes from this participant or client; see Retry-After and RateLimit';
const PERSONAL_DATA = 'Also code `personal-data` (with `explanation.nl`/`explanation.en` and `kinds`) when the text contains an e-mail address, phone number, postcode with house number or BSN-like number';

export const participationGetOperations = () => ({
  '/api/participation/sessions': { tag: 'participation', summary: 'All participation sessions, newest first: { sessions }', ok: 'Sessions', roles: PLANNER },
  '/api/participation/sessions/{id}': { tag: 'participation', summary: 'One participation session (anyone)', params: idParams, ok: 'Session', notFound: true },
  '/api/participation/sessions/{id}/qr.svg': { tag: 'participation', summary: 'QR code of the absolute session URL', params: idParams, ok: 'SVG image', mediaType: 'image/svg+xml', notFound: true, roles: PLANNER },
  '/api/participation/sessions/{id}/comments': {
    tag: 'participation',
    summary: 'Approved comments (anyone; times to the day): { comments }. status=pending|hidden|all is the moderation queue (planner)',
    params: idParams,
    query: commentListQuery,
    ok: 'Comments',
    notFound: true,
    roles: PLANNER,
  },
  '/api/participation/sessions/{id}/comments.geojson': { tag: 'participation', summary: 'Approved comments as a GeoJSON FeatureCollection of 3D points (anyone)', params: idParams, ok: 'GeoJSON', mediaType: 'application/geo+json', notFound: true },
  '/api/participation/sessions/{id}/comments.csv': { tag: 'participation', summary: 'Approved comments as CSV (RFC 4180, formulas neutralised; anyone)', params: idParams, ok: 'CSV', mediaType: 'text/csv', notFound: true },
});

export const participationPostOperations = () => ({
  '/api/participation/sessions': { tag: 'participation', summary: 'Open a session on a published scenario', created: true, body: ['ParticipationSessionInput', participationSessionInputSchema] as [string, z.ZodType], ok: 'Session', notFound: true, roles: PLANNER, problems: { '409': 'The scenario is a draft' } },
  '/api/participation/sessions/{id}/close': { tag: 'participation', summary: 'Close a session now (retention starts now)', params: idParams, ok: 'Session', notFound: true, roles: PLANNER, problems: { '409': 'Already closed' } },
  '/api/participation/sessions/{id}/comments': {
    tag: 'participation',
    created: true,
    summary: `Place an anonymous comment (status pending); sets the HttpOnly cookie tweeling_participant. ${PERSONAL_DATA}`,
    params: idParams,
    body: ['CommentInput', commentInputSchema] as [string, z.ZodType],
    ok: 'Comment',
    notFound: true,
    problems: { '409': 'The session is closed', '429': RATE_LIMITED },
  },
  '/api/participation/comments/{id}/moderate': { tag: 'participation', summary: 'Approve or hide a comment, optionally with a public answer', params: idParams, body: ['Moderation', moderationSchema] as [string, z.ZodType], ok: 'Comment', notFound: true, roles: PLANNER },
});
