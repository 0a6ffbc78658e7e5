import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { createSendPacer, paceIntervalUs } from '../../../src/queue/send-pacer';

/** The pacer on the machine's Redis: its clock and its keys are what several workers share. */
describe('send pacer', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  });
  afterAll(() => redis.quit());
  const key = () => `test:pace:${randomUUID()}`;

  it('spaces turns 1.5 % further apart than the rate, across pacers sharing a key', async () => {
    const shared = key();
    const pacers = [createSendPacer(redis, shared, 30, sleep), createSendPacer(redis, shared, 30, sleep)];
    const times: number[] = [];
    await Promise.all(
      pacers.flatMap((pacer) =>
        Array.from({ length: 5 }, async () => {
          for (let i = 0; i < 4; i += 1) {
            await pacer.waitForTurn();
            times.push(performance.now());
          }
        }),
      ),
    );
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(40);
    expect(paceIntervalUs(30)).toBe(33_834);
    // 40 turns: 39 intervals of 33.83 ms, give or take a timer's lateness at each end.
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(39 * 33.8 - 5);
    expect(times.at(-1)! - times[0]!).toBeLessThan(39 * 33.83 + 300);
    // However the turns were interleaved, no 31 fall within one second.
    for (let i = 30; i < times.length; i += 1) expect(times[i]! - times[i - 30]!).toBeGreaterThan(1_000 - 5);
  });

  it('gives up a slot it woke too late for and books another, so a stall does not bunch sends', async () => {
    // The event loop is busy for 250 ms: every timer due meanwhile fires at its end, together.
    const stallEnd = performance.now() + 250;
    const stalled = createSendPacer(redis, key(), 30, (ms) => sleep(Math.max(ms, stallEnd - performance.now())));
    const done: number[] = [];
    await stalled.waitForTurn(); // a fresh key: the first slot is now, no sleep
    await Promise.all([0, 1, 2].map(() => stalled.waitForTurn().then(() => done.push(performance.now()))));
    done.sort((x, y) => x - y);
    // Booked 34, 68 and 101 ms ahead, all woken at 250 ms: sent one slot apart, not at once. A
    // send may still go up to LATE_MS (5 ms) after its slot and the next one on time, so "one
    // slot apart" is 33.8 ms less those 5 (a fresh clone's `npm test` saw 29.8).
    expect(done[0]!).toBeGreaterThanOrEqual(stallEnd - 1);
    expect(done[1]! - done[0]!).toBeGreaterThan(33.8 - 5 - 1);
    expect(done[2]! - done[1]!).toBeGreaterThan(33.8 - 5 - 1);
  });

  it('holds every send for a 429’s retry_after, also those already waiting for a slot', async () => {
    const shared = key();
    const pacer = createSendPacer(redis, shared, 30, sleep);
    await pacer.waitForTurn();
    const start = performance.now();
    const waiting = Promise.all([pacer.waitForTurn(), pacer.waitForTurn()]).then(() => performance.now() - start);
    await sleep(5);
    await pacer.holdFor(500);
    expect(await waiting).toBeGreaterThanOrEqual(495);
    const another = createSendPacer(redis, shared, 30, sleep);
    const t0 = performance.now();
    await another.waitForTurn();
    // The hold is over: the next turn is one interval after the last one, not another 500 ms.
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('asks shortly before the turn whether the send is still wanted, and leaves the turn on a no', async () => {
    const pacer = createSendPacer(redis, key(), 30, sleep);
    expect(await pacer.waitForTurn()).toBe(true);
    let askedAfter = 0;
    const start = performance.now();
    const wanted = await pacer.waitForTurn(async () => {
      askedAfter = performance.now() - start;
      return false;
    });
    expect(wanted).toBe(false);
    // The slot was 33.8 ms away: asked about 25 ms before it, not at once.
    expect(askedAfter).toBeGreaterThanOrEqual(5);
    expect(askedAfter).toBeLessThan(33);
  });

  it('holds a send back while as many sends as the rate already went within the last second', async () => {
    const shared = key();
    // Three sends just went (a send that left late, and those after it on time, can do this
    // whatever the slots say): a fourth at 3/s waits for the oldest to be a second old.
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1_000_000 + Number(micros);
    await redis.zadd(`${shared}:sent`, now - 200_000, 'a', now - 100_000, 'b', now, 'c');
    const start = performance.now();
    expect(await createSendPacer(redis, shared, 3, sleep).waitForTurn()).toBe(true);
    const waited = performance.now() - start;
    // The oldest went 200 ms before: free 1,010 ms after it.
    expect(waited).toBeGreaterThanOrEqual(800);
    expect(waited).toBeLessThan(1_100);
    expect(await redis.zcard(`${shared}:sent`)).toBe(3);
  });
});
