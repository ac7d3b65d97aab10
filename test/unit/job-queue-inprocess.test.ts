import { describe, expect, it } from 'vitest';
import { InProcessJobQueue, createInProcessQueue } from '../../server/jobs/in-process-job-queue.ts';
import { describeJobQueueContract, waitForStatus } from '../support/job-queue-contract.ts';

describeJobQueueContract(
  'InProcessJobQueue',
  async () => {
    const queue = new InProcessJobQueue();
    return { worker: queue, client: queue };
  },
  { waitMs: 5000 },
);

describe('InProcessJobQueue specifics', () => {
  it('refuses a kind no handler in this process takes, instead of queueing it forever', async () => {
    const queue = createInProcessQueue({ known: async () => 'ok' });
    await expect(queue.submit('unknown', {}, 'h')).rejects.toThrow(/no worker for job kind unknown/);
    const id = await queue.submit('known', {}, 'h');
    expect(await waitForStatus(queue, id, (s) => s.state === 'done', 5000)).toMatchObject({ kind: 'known', result: 'ok' });
  });

  it('keeps jobs of different kinds with the same input hash apart', async () => {
    const queue = createInProcessQueue({ a: async () => 'from a', b: async () => 'from b' });
    const a = await queue.submit('a', {}, 'same');
    const b = await queue.submit('b', {}, 'same');
    expect(b).not.toBe(a);
    expect((await queue.settled(a))?.result).toBe('from a');
    expect((await queue.settled(b))?.result).toBe('from b');
  });
});
