// The workspace suites run on both backends: the embedded SQLite file (in memory here) and the shared PostgreSQL of
// a scale-out deployment (a fresh database per twin on the run's cluster, see global-setup.ts). Without PostgreSQL
// the PostgreSQL half is skipped with a loud message, and CI fails instead (skipWithoutPostgres).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { skipWithoutPostgres } from './postgres-cluster.ts';
import { type TestTwin, startTestTwin } from './twin.ts';

export type WorkspaceBackend = 'sqlite' | 'postgres';

/** The backends a workspace suite runs on here: both, or SQLite alone with a printed reason. */
export function workspaceBackends(suite: string): WorkspaceBackend[] {
  return skipWithoutPostgres(`${suite} on PostgreSQL`) ? ['sqlite'] : ['sqlite', 'postgres'];
}

/** Where a fresh workspace of this backend lives: ':memory:' or a new empty PostgreSQL database. */
export async function freshWorkspaceTarget(backend: WorkspaceBackend): Promise<string> {
  if (backend === 'sqlite') return ':memory:';
  return createPostgresDatabase();
}

/** A new database (with PostGIS) on the run's cluster; the name is random, never from input. */
export async function createPostgresDatabase(): Promise<string> {
  const admin = inject('postgresAdminUrl');
  if (!admin) throw new Error(`no PostgreSQL cluster in this run: ${inject('postgresUnavailable')}`);
  const name = `tw_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE tweeling_template STRATEGY FILE_COPY`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}

/** Two apps on one fresh PostgreSQL workspace, as two servers behind a load balancer would be. */
export async function startTwinsSharingOneWorkspace(): Promise<[TestTwin, TestTwin]> {
  const url = await createPostgresDatabase();
  return [await startTestTwin({ workspace: url }), await startTestTwin({ workspace: url })];
}
