import { createRecentIds, createSerialWork } from '../../../../src/channels/zalo/serial-work';
import { silentLogger } from '../../../support/silent-logger';

describe('createSerialWork', () => {
  it('runs one key’s tasks in order and other keys alongside, after the caller returns', async () => {
    const work = createSerialWork(silentLogger);
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
    };
    work.run('a', 'a1', task('a1', 30));
    work.run('a', 'a2', task('a2', 1));
    work.run('b', 'b1', task('b1', 1));
    expect(log).toEqual([]);
    await work.idle();
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('logs a failure and goes on with the next task', async () => {
    const work = createSerialWork(silentLogger);
    const done: string[] = [];
    work.run('a', 'fails', async () => {
      throw new Error('boom');
    });
    work.run('a', 'ok', async () => {
      done.push('ok');
    });
    await work.idle();
    expect(done).toEqual(['ok']);
  });
});

describe('createRecentIds', () => {
  it('recognises an id seen within the time to live only', () => {
    let t = 0;
    const recent = createRecentIds({ ttlMs: 100, max: 10, now: () => t });
    expect(recent.check('zoa-1')).toBe(false);
    expect(recent.check('zoa-1')).toBe(true);
    t = 150;
    expect(recent.check('zoa-1')).toBe(false);
  });

  it('forgets the oldest ids beyond the maximum', () => {
    const recent = createRecentIds({ ttlMs: 1_000_000, max: 2, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) recent.check(id);
    expect(recent.check('a')).toBe(false);
    expect(recent.check('d')).toBe(true);
  });
});
