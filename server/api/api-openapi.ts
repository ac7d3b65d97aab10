// The OpenAPI 3.0 definition of the app's own JSON API under /api. Query, path and body schemas are generated from
// the routers' zod schemas with z.toJSONSchema, so the document cannot drift from what the validators accept.
import { z } from 'zod';
import { designBody } from './fibre-router.ts';
import { coverageBody, optimiseBody, pathLossQuery, sitingBody } from './fiveg-router.ts';
import { checkBody, rulesAtQuery } from './omgevingsplan-router.ts';
import { indicatorParams } from './public-health-router.ts';
import { buildingParams } from './twin-router.ts';
import { participationGetOperations, participationPostOperations } from '../participation/participation-openapi.ts';
import { workspaceDeleteOperations, workspaceGetOperations, workspacePostOperations, workspacePutOperations } from '../workspace/workspace-openapi.ts';

type Json = Record<string, unknown>;
type Part = 'query' | 'path';

/** Input side (before transforms/defaults): what a client sends, which is what the document describes. */
function jsonSchema(schema: z.ZodType, defs: Json): Json {
  const out = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  // Schemas registered with an id land in $defs; hoist them into components so every $ref resolves.
  const local = (out.$defs ?? out.definitions) as Json | undefined;
  delete out.$defs;
  delete out.definitions;
  if (local) Object.assign(defs, rewriteRefs(local));
  return rewriteRefs(out) as Json;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' ? v.replace(/^#\/(\$defs|definitions)\//, '#/components/schemas/') : rewriteRefs(v),
    ]),
  );
}

/** One OpenAPI parameter per property of a zod object schema. */
function parametersOf(schema: z.ZodType, part: Part, defs: Json): Json[] {
  const s = jsonSchema(schema, defs);
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries((s.properties ?? {}) as Record<string, Json>).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: part,
      required: part === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ok = (description: string, mediaType = 'application/json') => ({
  description,
  content: { [mediaType]: { schema: { type: 'object' } } },
});

const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '500': { $ref: '#/components/responses/ServerError' },
};
const notFound = { '404': { $ref: '#/components/responses/NotFound' } };
const unavailable = { '503': { $ref: '#/components/responses/Unavailable' } };
const bodyErrors = {
  '413': { $ref: '#/components/responses/TooLarge' },
  '415': { $ref: '#/components/responses/UnsupportedMediaType' },
};

interface Operation {
  tag: string;
  summary: string;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Name under components/schemas for the request body. */
  body?: [name: string, schema: z.ZodType];
  ok: string;
  /** The operation needs a loaded municipality (or plan, or data set) and answers 503 without it. */
  needsData?: boolean;
  notFound?: boolean;
  /** Parameter groups of which exactly one must be given whole (a superRefine OpenAPI 3.0 cannot express). */
  requiresOneOf?: string[][];
  /** Submits a background job: 202 with the job and a Location to poll, instead of 200 with the result. */
  job?: boolean;
  /** A job id in the path (server/jobs/job-routes.ts checks it by hand, not with zod). */
  jobId?: boolean;
  /** Media type of the 200 answer when not JSON. */
  mediaType?: string;
  /** Answers 201 Created instead of 200. */
  created?: boolean;
  /** Answers 204 No Content instead of 200. */
  noContent?: boolean;
  /** Signed-in roles the operation (or part of it) needs: 401 without a session, 403 with another role. */
  roles?: string[];
  /** Further problem answers: status → when. */
  problems?: Record<string, string>;
}

const JOB_ID_PARAMETER = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Job id as returned on submit',
  schema: { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
};

/** Submit, poll and cancel routes of a scenario's background jobs (server/jobs/job-routes.ts). */
function jobOperations(tag: string, prefix: string, submits: Record<string, [name: string, schema: z.ZodType]>) {
  const post: Record<string, Operation> = {};
  for (const [path, body] of Object.entries(submits)) {
    post[`${prefix}${path}/jobs`] = { tag, summary: `Run ${prefix}${path} as a background job with progress`, body, ok: 'Job accepted', job: true, needsData: true };
  }
  const jobPath = `${prefix}/jobs/{id}`;
  return {
    post,
    get: { [jobPath]: { tag, summary: 'State and progress of a job; its result once done', jobId: true, ok: 'Job state', notFound: true } as Operation },
    delete: { [jobPath]: { tag, summary: 'Cancel a job', jobId: true, ok: 'Job state after cancelling', notFound: true } as Operation },
  };
}

// Built on call, not at module load: twin-router imports this module and this module imports twin-router's schema.
const getOperations = (): Record<string, Operation> => ({
  '/api/health': { tag: 'twin', summary: 'Liveness and store details (e.g. WAL size)', ok: 'The server is up' },
  '/api/openapi.json': { tag: 'twin', summary: 'This OpenAPI document', ok: 'OpenAPI 3.0 document' },
  '/api/algorithms': { tag: 'twin', summary: 'Register of the algorithms the twin uses, with sources', ok: 'Algorithm register' },
  '/api/twin': { tag: 'twin', summary: 'Overview of the loaded municipality: extent, centre, counts, licence', ok: 'Twin overview', needsData: true },
  '/api/layers': { tag: 'twin', summary: 'Layer catalogue for the viewer', ok: 'Layer catalogue', needsData: true },
  '/api/basemap': { tag: 'twin', summary: 'Streets and areas as GeoJSON for the basemap', ok: 'GeoJSON FeatureCollection', needsData: true },
  '/api/buildings/{id}': { tag: 'twin', summary: 'One building with its attributes and addresses', params: buildingParams, ok: 'Building details', needsData: true, notFound: true },
  '/api/public-health/indicators': { tag: 'public-health', summary: 'Public-health indicators with latest values per buurt', ok: 'Indicator list', needsData: true },
  '/api/public-health/indicators/{id}': { tag: 'public-health', summary: 'One indicator with its values per buurt', params: indicatorParams, ok: 'Indicator', needsData: true, notFound: true },
  '/api/omgevingsplan': { tag: 'omgevingsplan', summary: 'Summary of the loaded omgevingsplan', ok: 'Plan summary', needsData: true },
  '/api/omgevingsplan/rules-at': { tag: 'omgevingsplan', summary: 'Rules that apply at a position (lon/lat or RD x/y)', query: rulesAtQuery, requiresOneOf: [['lon', 'lat'], ['x', 'y']], ok: 'Rules at the position', needsData: true },
  '/api/omgevingsplan/exceedances': { tag: 'omgevingsplan', summary: 'Buildings exceeding their maximum building height', ok: 'Exceedances', needsData: true },
  '/api/fiveg/pathloss': { tag: 'fiveg', summary: '3GPP TR 38.901 path loss for one link, optionally with O2I penetration loss', query: pathLossQuery, ok: 'Path loss in dB' },
  '/api/fibre/defaults': { tag: 'fibre', summary: 'Default unit costs, design settings and PoP for the fibre designer', ok: 'Defaults', needsData: true },
  ...participationGetOperations(),
});

const postOperations = (): Record<string, Operation> => ({
  '/api/omgevingsplan/check': { tag: 'omgevingsplan', summary: 'Check a structure placement against the omgevingsplan', requiresOneOf: [['lon', 'lat'], ['x', 'y']], body: ['OmgevingsplanCheckRequest', checkBody], ok: 'Placement verdict', needsData: true },
  '/api/fiveg/coverage': { tag: 'fiveg', summary: 'RSRP coverage of stored and candidate antennas over addresses (and a grid)', body: ['FivegCoverageRequest', coverageBody], ok: 'Coverage result', needsData: true },
  '/api/fiveg/siting': { tag: 'fiveg', summary: 'Siting verdict for one candidate antenna (EMF distances, sensitive buildings, rules)', body: ['FivegSitingRequest', sitingBody], ok: 'Siting verdict', needsData: true },
  '/api/fiveg/optimise': { tag: 'fiveg', summary: 'Choose k sites from the candidates that maximise covered addresses', body: ['FivegOptimiseRequest', optimiseBody], ok: 'Chosen sites', needsData: true },
  '/api/fibre/design': { tag: 'fibre', summary: 'Design an FTTH network from a PoP with cost estimate and phasing', body: ['FibreDesignRequest', designBody], ok: 'Network design', needsData: true },
  ...participationPostOperations(),
});

function operation(op: Operation, method: 'get' | 'post' | 'put' | 'delete', defs: Json): Json {
  const parameters = [
    ...(op.jobId ? [JOB_ID_PARAMETER] : []),
    ...(op.params ? parametersOf(op.params, 'path', defs) : []),
    ...(op.query ? parametersOf(op.query, 'query', defs) : []),
  ];
  if (op.body) defs[op.body[0]] = jsonSchema(op.body[1], defs);
  const hasInput = parameters.length > 0 || op.body !== undefined;
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.requiresOneOf
      ? {
          description: `Give exactly one of: ${op.requiresOneOf.map((g) => g.join(' and ')).join('; ')}.`,
          'x-requires-one-of': op.requiresOneOf,
        }
      : {}),
    ...(op.roles ? { security: [{ sessionCookie: [] }], 'x-roles': op.roles } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body[0]}` } } } } }
      : {}),
    responses: {
      ...(op.job
        ? {
            '202': {
              ...ok(op.ok),
              headers: { Location: { description: 'Where to poll the job (GET) or cancel it (DELETE)', schema: { type: 'string' } } },
            },
          }
        : op.noContent
          ? { '204': { description: op.ok } }
          : { [op.created ? '201' : '200']: ok(op.ok, op.mediaType) }),
      ...(op.roles ? { '401': problem('Not signed in'), '403': problem(`Needs the role ${op.roles.join(' or ')}`) } : {}),
      ...Object.fromEntries(Object.entries(op.problems ?? {}).map(([status, when]) => [status, problem(when)])),
      ...(hasInput ? { '400': errors['400'] } : {}),
      ...(op.notFound ? notFound : {}),
      ...(method === 'post' || method === 'put' ? bodyErrors : {}),
      ...(op.needsData ? unavailable : {}),
      '500': errors['500'],
    },
  };
}

export function apiOpenApi(options: { version: string }): Json {
  const schemas: Json = {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details',
      required: ['type', 'title', 'status', 'detail'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', description: 'Stable machine-readable error code, e.g. invalid-parameter' },
        detail: { type: 'string' },
        errors: {
          type: 'array',
          description: 'For invalid parameters: which part and field failed',
          items: { type: 'object', properties: { in: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  };
  const paths: Record<string, Json> = {};
  for (const [path, op] of Object.entries(getOperations())) paths[path] = { ...paths[path], get: operation(op, 'get', schemas) };
  for (const [path, op] of Object.entries(postOperations())) paths[path] = { ...paths[path], post: operation(op, 'post', schemas) };
  for (const [path, op] of Object.entries(workspaceGetOperations())) paths[path] = { ...paths[path], get: operation(op, 'get', schemas) };
  for (const [path, op] of Object.entries(workspacePostOperations())) paths[path] = { ...paths[path], post: operation(op, 'post', schemas) };
  for (const [path, op] of Object.entries(workspacePutOperations())) paths[path] = { ...paths[path], put: operation(op, 'put', schemas) };
  for (const [path, op] of Object.entries(workspaceDeleteOperations())) paths[path] = { ...paths[path], delete: operation(op, 'delete', schemas) };
  const jobs = [
    jobOperations('fiveg', '/api/fiveg', { '/coverage': ['FivegCoverageRequest', coverageBody], '/optimise': ['FivegOptimiseRequest', optimiseBody] }),
    jobOperations('fibre', '/api/fibre', { '/design': ['FibreDesignRequest', designBody] }),
  ];
  for (const { post, get, delete: del } of jobs) {
    for (const [path, op] of Object.entries(post)) paths[path] = { ...paths[path], post: operation(op, 'post', schemas) };
    for (const [path, op] of Object.entries(get)) paths[path] = { ...paths[path], get: operation(op, 'get', schemas) };
    for (const [path, op] of Object.entries(del)) paths[path] = { ...paths[path], delete: operation(op, 'delete', schemas) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tweeling API',
      version: options.version,
      description:
        'The JSON API of the Tweeling digital twin. Errors are RFC 9457 problem+json. Features are also served by the ' +
        'OGC API under /ogc (its own OpenAPI document is /ogc/api).',
      license: { name: 'EUPL-1.2' },
    },
    tags: ['twin', 'public-health', 'omgevingsplan', 'fiveg', 'fibre', 'workspace', 'participation'].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tweeling_session' } },
      responses: {
        BadRequest: problem('Invalid parameters or body; `errors` lists the fields'),
        NotFound: problem('No such resource'),
        TooLarge: problem('Request body larger than 16 kB (1 MiB for /api/scenarios)'),
        UnsupportedMediaType: problem('Unsupported Content-Encoding'),
        Unavailable: problem('The data this operation needs has not been loaded'),
        ServerError: problem('Internal error (logged on the server)'),
      },
    },
  };
}
