// Where a configured twin's workspace lives. On a PostGIS store it is in that same shared database, so every server
// and every `tweeling user` or `tweeling import` run reaches the same accounts and audit log; otherwise it is the
// SQLite file in the data directory.
import { type Config, dataPaths } from '../config.ts';
import { isPostgresUrl } from './workspace-db.ts';

export function workspaceTarget(config: Pick<Config, 'dataDir' | 'storeUrl'>): string {
  return config.storeUrl !== undefined && isPostgresUrl(config.storeUrl) ? config.storeUrl : dataPaths(config).workspace;
}
