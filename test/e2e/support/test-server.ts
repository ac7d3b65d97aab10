// Which server the browser tests talk to: the real app via the lead's test/support/twin.ts (demo twin,
// generated and tiled), or the fixture server when that is absent or TWEELING_E2E_SERVER=fixture.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFixtureServer } from './fixture-server.ts';
import { REPO_ROOT } from './paths.ts';

export interface TestServer {
  url: string;
  kind: 'twin' | 'fixture';
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const twinModule = path.join(REPO_ROOT, 'test/support/twin.ts');
  if (process.env.TWEELING_E2E_SERVER !== 'fixture' && fs.existsSync(twinModule)) {
    const { startTestTwin } = (await import(pathToFileURL(twinModule).href)) as {
      startTestTwin(): Promise<{ url: string; close(): Promise<void> }>;
    };
    const twin = await startTestTwin();
    return { url: twin.url.replace(/\/$/, ''), kind: 'twin', close: () => twin.close() };
  }
  const fixture = await startFixtureServer();
  return { ...fixture, kind: 'fixture' };
}
