// `tweeling worker --store postgres://…`: a process that runs scenario jobs from the shared queue and serves
// nothing. Start as many as the machines allow; SIGTERM hands running jobs back to the queue and exits.
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openStoreAt, parseStoreUrl } from '../store/migrate-command.ts';
import { openPgJobQueue } from './pg-job-queue.ts';
import { workScenarioJobs } from './work-scenario-jobs.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run scenario jobs (coverage, optimiser, fibre design) from the job queue of a PostGIS twin; serves nothing')
    .option('--store <url>', 'the twin\'s PostGIS store: postgres://… (env TWEELING_STORE_URL)')
    .option('--concurrency <n>', 'jobs of each kind this process runs at once', '1')
    .action(async (o: { store?: string; concurrency: string }) => {
      const config = loadConfig(process.env, { dataDir: program.opts().dataDir, storeUrl: o.store });
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a whole number ≥ 1, not ${o.concurrency}`);
      if (config.storeUrl === undefined || parseStoreUrl(config.storeUrl).kind !== 'postgis') {
        throw new Error('a worker needs a PostGIS store (--store postgres://… or TWEELING_STORE_URL); a SQLite twin runs its jobs inside `tweeling serve`');
      }
      const store = await openStoreAt(config.storeUrl);
      const queue = await openPgJobQueue(config.storeUrl, { concurrency });
      const kinds = await workScenarioJobs(queue, store);
      console.log(`Tweeling worker ${process.pid} is taking jobs: ${kinds.join(', ')}`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void queue
          .close()
          .then(() => store.close())
          .then(() => process.exit(0), (e) => {
            console.error(`worker stop: ${e instanceof Error ? e.message : e}`);
            process.exit(1);
          });
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
