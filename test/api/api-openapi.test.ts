// /api/openapi.json describes the app's own JSON API: every route the app answers under /api, with parameters and
// bodies generated from the routers' zod schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiOpenApi } from '../../server/api/api-openapi.ts';
import { pathLossQuery } from '../../server/api/fiveg-router.ts';
import { createApp } from '../../server/app.ts';
import { dataPaths } from '../../server/config.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { openWorkspace } from '../../server/workspace/workspace.ts';
import { startTestTwin, testTwinConfig, type TestTwin } from '../support/twin.ts';

let twin: TestTwin;
let doc: any;
beforeAll(async () => {
  twin = await startTestTwin();
  const res = await fetch(`${twin.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(async () => {
  await twin?.close();
});

function resolve(node: any): any {
  if (!node?.$ref) return node;
  const target = (node.$ref as string).replace(/^#\//, '').split('/').reduce((o: any, k: string) => o?.[k], doc);
  expect(target, node.$ref).toBeDefined();
  return target;
}

function* walk(node: unknown): Generator<Record<string, unknown>> {
  if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const v of Object.values(node)) yield* walk(v);
  }
}

/** `METHOD /path/{param}` for every route in an Express 5 router stack, following mounted routers. */
function routesOf(stack: any[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const routePath = `${prefix}${layer.route.path === '/' ? '' : layer.route.path}`.replace(/:(\w+)/g, '{$1}') || '/';
      for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${routePath}`);
    } else if (Array.isArray(layer.handle?.stack) && typeof layer.rawPath === 'string') {
      out.push(...routesOf(layer.handle.stack, `${prefix}${layer.rawPath === '/' ? '' : layer.rawPath}`));
    }
  }
  return out;
}

async function appRoutesUnderApi(): Promise<string[]> {
  const config = testTwinConfig();
  const store = await openSqliteStore(dataPaths(config).store, { readonly: true });
  const sensors = openSensorStore(dataPaths(config).sensors);
  const workspace = await openWorkspace(':memory:');
  try {
    const app = createApp({ store, sensors, config, workspace, log: () => {} }) as any;
    return routesOf(app.router.stack).filter((r) => r.split(' ')[1].startsWith('/api/'));
  } finally {
    await store.close();
    sensors.close();
    await workspace.close();
  }
}

const documented = () =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`),
  );

describe('API OpenAPI document', () => {
  it('is an OpenAPI 3.0.x document with info, paths and problem+json error responses', () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const item of Object.values(doc.paths) as any[]) {
      for (const op of Object.values(item) as any[]) {
        expect(op.responses['200'] ?? op.responses['201'] ?? op.responses['202'] ?? op.responses['204']).toBeDefined();
        expect(resolve(op.responses['500']).content['application/problem+json']).toBeDefined();
      }
    }
  });

  it('resolves every $ref', () => {
    let refs = 0;
    for (const node of walk(doc)) {
      if (typeof node.$ref === 'string') {
        resolve(node);
        refs++;
      }
    }
    expect(refs).toBeGreaterThan(0);
  });

  it('describes exactly the routes the app answers under /api', async () => {
    const routes = await appRoutesUnderApi();
    expect(routes.length).toBeGreaterThan(15);
    expect([...documented()].sort()).toEqual([...new Set(routes)].sort());
  });

  it('generates the pathloss query parameters from the router zod schema', () => {
    const params = doc.paths['/api/fiveg/pathloss'].get.parameters as { name: string; in: string; required: boolean }[];
    const shape = (pathLossQuery as unknown as { shape: Record<string, z.ZodType> }).shape;
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(shape).sort());
    expect(params.every((p) => p.in === 'query')).toBe(true);
    const required = params.filter((p) => p.required).map((p) => p.name).sort();
    expect(required).toEqual(Object.keys(shape).filter((k) => !shape[k].safeParse(undefined).success).sort());
  });

  it('describes POST bodies with the router schemas', () => {
    const body = resolve(doc.paths['/api/fiveg/siting'].post.requestBody.content['application/json'].schema);
    expect(body.properties.candidate.required).toEqual(expect.arrayContaining(['id', 'x', 'y']));
    expect(body.additionalProperties).toBe(false);
  });

  it('is the same document the pure builder returns', () => {
    expect(doc).toEqual(JSON.parse(JSON.stringify(apiOpenApi({ version: doc.info.version }))));
  });

  it('answers 200 on every described public GET path without required parameters', async () => {
    // Paths with a security requirement answer 401 to an anonymous caller; the workspace tests cover them signed in.
    const paths = Object.entries(doc.paths as Record<string, any>)
      .filter(([p, item]) => item.get && !p.includes('{') && !item.get['x-requires-one-of'] && !item.get.security)
      .filter(([, item]) => !(item.get.parameters ?? []).some((q: any) => q.required))
      .map(([p]) => p);
    expect(paths.length).toBeGreaterThan(8);
    const statuses = await Promise.all(paths.map(async (p) => [p, (await fetch(`${twin.url}${p}`)).status] as const));
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
  });
});
