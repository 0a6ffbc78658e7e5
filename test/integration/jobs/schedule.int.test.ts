import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createSlotCoordinator, enqueueScheduledJobs, scheduleJobs } from '../../../jobs/schedule';
import { metrics } from '../../../src/metrics/metrics';
import { queueNames } from '../../../src/queue/queues';
import { metricValue } from '../../support/metrics-text';
import { removeQueueKeys } from '../../support/redis-keys';
import { silentLogger } from '../../support/silent-logger';

jest.setTimeout(30_000);

/** Two instances: each its own Redis connection and queue object, one Redis and prefix between them. */
describe('the schedule across instances', () => {
  const prefix = `sch-${randomUUID().slice(0, 8)}`;
  const connections: Redis[] = [];
  const queues: Queue[] = [];
  const instance = () => {
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(queueNames.scheduled, { connection: redis, prefix });
    connections.push(redis);
    queues.push(queue);
    return { redis, queue };
  };
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    for (const c of connections) c.disconnect();
    await removeQueueKeys(prefix);
  });

  it('gives a slot to one instance, even to a slower one that comes after the job is done and gone', async () => {
    const a = instance();
    const b = instance();
    // node-cron names the slot it matched, so instances whose clocks are seconds apart ask for the same key.
    const key = 'jobs:2022-07-07T01:00:00.000Z';
    const slot = new Date('2022-07-07T01:00:00Z');
    expect(await createSlotCoordinator(a.redis, prefix).shouldRun(key, 60_000)).toBe(true);
    await enqueueScheduledJobs(a.queue, slot, silentLogger);
    const job = await a.queue.getJob('reminders-20220707010000');
    expect(job?.name).toBe('reminders');

    // The job finished and removeOnComplete dropped it: its id alone would no longer stop a re-add.
    await job?.remove();
    expect(await a.queue.getJob('reminders-20220707010000')).toBeUndefined();
    expect(await createSlotCoordinator(b.redis, prefix).shouldRun(key, 60_000)).toBe(false);
    // The next slot is free again.
    expect(await createSlotCoordinator(b.redis, prefix).shouldRun('jobs:2022-07-07T01:15:00.000Z', 60_000)).toBe(true);
  });

  it('enqueues each slot once when two instances tick together', async () => {
    metrics.registry.resetMetrics();
    const a = instance();
    const b = instance();
    await a.queue.obliterate({ force: true });
    const options = { keyPrefix: prefix, timeZone: 'Asia/Ho_Chi_Minh', logger: silentLogger, pattern: '* * * * * *' };
    const schedules = [scheduleJobs({ ...options, ...a }), scheduleJobs({ ...options, ...b })];
    await sleep(3_500);
    for (const s of schedules) s.stop();
    await sleep(300);

    const text = await metrics.registry.metrics();
    const taken = metricValue(text, 'hiephoi_schedule_ticks_total', { outcome: 'taken' });
    const skipped = metricValue(text, 'hiephoi_schedule_ticks_total', { outcome: 'skipped' });
    expect(taken).toBeGreaterThanOrEqual(3);
    // Both ticked every slot; one of them enqueued it.
    expect(skipped).toBe(taken);
    const jobs = await a.queue.getJobs(['wait', 'delayed', 'active', 'completed']);
    const reminders = jobs.filter((j) => j.name === 'reminders').map((j) => j.id);
    expect(reminders).toHaveLength(taken);
    expect(new Set(reminders).size).toBe(taken);
    expect(jobs.filter((j) => j.name === 'calendar')).toHaveLength(taken);
  });
});
