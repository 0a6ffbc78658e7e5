import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../../src/db/database';
import type { FakeTelegramServer } from '../../../test/fakes/fake-telegram-server';
import { FIRST_CHAT } from '../../support/broadcast-setup';

/** A broadcast to every member, due now: the worker's sweeper starts its fan-out within seconds. */
export async function createDueBroadcast(db: Database, body: string): Promise<number> {
  const broadcast = await db.prisma.broadcast.create({
    data: { title: body.slice(0, 60), body, audience: { kind: 'all' }, status: 'scheduled', scheduledAt: new Date() },
  });
  return broadcast.id;
}

/** How many sends of `body` the fake Bot API accepted (answered 200), over all chats. */
export function acceptedSends(fake: FakeTelegramServer, body: string): number {
  return fake.calls.filter((c) => c.method === 'sendMessage' && !c.failed && c.params.text === body).length;
}

/**
 * What the fake Bot API accepted of `body`, per member: `lost` members that never got it,
 * `duplicates` extra copies beyond one each, `sends` all accepted sends, `rejected` calls answered
 * with a failure (a 429, say), which reached nobody.
 */
export function countSends(fake: FakeTelegramServer, body: string, members: number) {
  const perChat = new Map<string, number>();
  let rejected = 0;
  for (const call of fake.calls) {
    if (call.method !== 'sendMessage' || call.params.text !== body) continue;
    if (call.failed) {
      rejected += 1;
      continue;
    }
    const chat = String(call.params.chat_id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
  }
  let lost = 0;
  for (let i = 0; i < members; i += 1) if (!perChat.has(String(FIRST_CHAT + i))) lost += 1;
  const sends = [...perChat.values()].reduce((sum, n) => sum + n, 0);
  return { lost, duplicates: sends - perChat.size, sends, rejected, strangers: [...perChat.keys()].filter((c) => Number(c) - FIRST_CHAT >= members).length };
}

/** The broadcast's delivery rows by status. */
export async function rowsByStatus(db: Database, broadcastId: number): Promise<Record<string, number>> {
  const groups = await db.prisma.delivery.groupBy({ by: ['status'], where: { broadcastId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

/**
 * Waits until the broadcast is closed as sent (its fan-out done, nothing left queued: the sweeper's
 * own test) with a row per member. Resolves with the seconds waited, or null after `timeoutMs`.
 */
export async function waitUntilSettled(db: Database, broadcastId: number, members: number, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const broadcast = await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    if (broadcast.status === 'sent') {
      const rows = await db.prisma.delivery.count({ where: { broadcastId } });
      if (rows >= members) return (Date.now() - started) / 1000;
    }
    await sleep(250);
  }
  return null;
}

/** Resolves once the fake Bot API has accepted `count` sends of `body`; rejects after `timeoutMs`. */
export async function waitForSends(fake: FakeTelegramServer, body: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (acceptedSends(fake, body) < count) {
    if (Date.now() > deadline) throw new Error(`only ${acceptedSends(fake, body)} of ${count} sends within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Prints the drill's one JSON line; a missed expectation makes the exit code 1. */
export function reportDrill(result: { drill: string; passed: boolean } & Record<string, unknown>): void {
  console.log(JSON.stringify(result));
  if (!result.passed) process.exitCode = 1;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
