// Fault drill (issue 9): PostgreSQL stopped for DOWN_S (10) seconds under inbound load. The web
// process (Telegram by webhook, a fake Bot API) runs against a private cluster (initdb into a
// temporary directory, a free port; the machine's shared cluster is never stopped). PERSONS
// registered members each post `/trangthai` updates one after another, as fast as they are
// answered; an update not answered 200 is posted again after REDELIVER_MS, as Telegram redelivers.
// After BEFORE_S seconds the cluster is stopped (`pg_ctl stop -m fast`), then started again, and
// the load goes on for AFTER_S seconds. Expected: while it is down every webhook answers 5xx (never
// 200, never a hang: the slowest answer is reported), the process does not crash, and afterwards
// every update has taken effect exactly once: one processed_updates row and one reply each.
// lost = updates never processed, duplicates = replies beyond one per update.
// The `freeze` variant SIGSTOPs the server and its backends instead (a hung server, or a network
// dropping packets: connections and queries get no answer at all) and SIGCONTs them after DOWN_S.
// Run: npx tsx bench/drills/stop-postgres.ts [stop|freeze] → one JSON line; exit code 1 if an
// expectation fails. PERSONS (20), BEFORE_S (5), DOWN_S (10), AFTER_S (10), REDELIVER_MS (500).
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/db/database';
import { startFakeTelegramServer } from '../../test/fakes/fake-telegram-server';
import { removeQueueKeys } from '../../test/support/redis-keys';
import { withSchema } from '../../test/support/test-database';
import { reportDrill, round } from './support/broadcast-drill';
import { startPrivatePostgres } from './support/private-postgres';
import { addTelegramMembers, repliesPerChat, startTelegramWeb, textUpdate } from './support/telegram-web';

const PERSONS = Number(process.env.PERSONS ?? 20);
const BEFORE_S = Number(process.env.BEFORE_S ?? 5);
const DOWN_S = Number(process.env.DOWN_S ?? 10);
const AFTER_S = Number(process.env.AFTER_S ?? 10);
const REDELIVER_MS = Number(process.env.REDELIVER_MS ?? 500);
/** The slowest acceptable answer while the database is down. */
const MAX_DOWN_MS = 5_000;
const FIRST_USER = 7_200_000_000;

interface Attempt {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
}

async function main() {
  const variant = process.argv[2] === 'freeze' ? 'freeze' : 'stop';
  const fake = await startFakeTelegramServer();
  const pg = await startPrivatePostgres();
  const url = withSchema(pg.url, 'drill');
  const prefix = `drill-pg-${Date.now()}`;
  let web: Awaited<ReturnType<typeof startTelegramWeb>> | null = null;
  let db: Awaited<ReturnType<typeof openDatabase>> | null = null;
  try {
    web = await startTelegramWeb({ databaseUrl: url, fake, queuePrefix: prefix });
    const service = web;
    db = await openDatabase({ kind: 'postgres', url });
    await addTelegramMembers(db, PERSONS + 1, FIRST_USER);

    // How many messages one `/trangthai` gets back, from one more member, before the load.
    const probe = FIRST_USER + PERSONS;
    if ((await service.post(textUpdate(1, probe, '/trangthai'))).status !== 200) throw new Error('probe update not accepted');
    await sleep(1_500);
    const repliesPerUpdate = repliesPerChat(fake).get(String(probe)) ?? 0;
    if (repliesPerUpdate === 0) throw new Error(`no reply to the probe:\n${service.process.output()}`);

    let nextUpdateId = 1_000;
    let endAt = Number.POSITIVE_INFINITY;
    const attempts: Attempt[] = [];
    const updates = new Map<number, number>(); // update id -> user
    const unanswered: number[] = [];
    const persons = Array.from({ length: PERSONS }, async (_, i) => {
      const user = FIRST_USER + i;
      while (Date.now() < endAt) {
        nextUpdateId += 1;
        const updateId = nextUpdateId;
        updates.set(updateId, user);
        const update = textUpdate(updateId, user, '/trangthai');
        for (;;) {
          const at = Date.now();
          const { status, ms } = await service.post(update);
          attempts.push({ at, ms, status });
          if (status === 200) break;
          if (Date.now() > endAt + 60_000) {
            unanswered.push(updateId);
            break;
          }
          await sleep(REDELIVER_MS);
        }
      }
    });

    await sleep(BEFORE_S * 1000);
    const stopAt = Date.now();
    await (variant === 'freeze' ? pg.freeze() : pg.stop());
    const downAt = Date.now();
    const halfway = sleep((DOWN_S * 1000) / 2).then(async () => ({ healthz: await service.status('/healthz'), readyz: await service.status('/readyz') }));
    await sleep(DOWN_S * 1000);
    const whileDown = await halfway;
    const startAt = Date.now();
    await (variant === 'freeze' ? pg.thaw() : pg.start());
    const upAt = Date.now();
    endAt = upAt + AFTER_S * 1000;
    await Promise.all(persons);
    // Replies go out after the answer to the webhook: let the last ones arrive.
    await sleep(2_000);

    const down = attempts.filter((a) => a.at >= downAt && a.at < startAt);
    const firstOkAfter = attempts.filter((a) => a.at >= upAt && a.status === 200).sort((a, b) => a.at - b.at)[0];
    const statuses = (list: Attempt[]) => {
      const counts: Record<string, number> = {};
      for (const a of list) counts[a.status] = (counts[a.status] ?? 0) + 1;
      return counts;
    };

    const ids = [...updates.keys()];
    const processed = await db.prisma.processedUpdate.count({ where: { channel: 'telegram', updateId: { in: ids.map((id) => `tg-${id}`) } } });
    const perChat = repliesPerChat(fake);
    const updatesPerUser = new Map<number, number>();
    for (const user of updates.values()) updatesPerUser.set(user, (updatesPerUser.get(user) ?? 0) + 1);
    let duplicates = 0;
    let missingReplies = 0;
    for (const [user, count] of updatesPerUser) {
      const extra = (perChat.get(String(user)) ?? 0) - count * repliesPerUpdate;
      if (extra > 0) duplicates += extra;
      else missingReplies -= extra;
    }
    const alive = service.process.child.exitCode === null && service.process.child.signalCode === null;
    const maxDownMs = Math.max(0, ...down.map((a) => a.ms));
    const down200 = down.filter((a) => a.status === 200).length;
    const downNot5xx = down.filter((a) => a.status < 500).length;
    const lost = ids.length - processed;
    reportDrill({
      drill: 'stop-postgres',
      variant,
      persons: PERSONS,
      downSeconds: round((startAt - downAt) / 1000),
      stopTookMs: downAt - stopAt,
      startTookMs: upAt - startAt,
      updates: ids.length,
      requests: attempts.length,
      redeliveries: attempts.length - ids.length,
      // Answered before the stop began; then those in flight while it stopped (cut off mid-transaction).
      statusesBefore: statuses(attempts.filter((a) => a.at + a.ms < stopAt)),
      statusesStopping: statuses(attempts.filter((a) => a.at + a.ms >= stopAt && a.at < downAt)),
      maxResponseMsStopping: Math.round(Math.max(0, ...attempts.filter((a) => a.at + a.ms >= stopAt && a.at < downAt).map((a) => a.ms))),
      statusesWhileDown: statuses(down),
      maxResponseMsWhileDown: Math.round(maxDownMs),
      p50ResponseMsWhileDown: Math.round(down.map((a) => a.ms).sort((a, b) => a - b)[Math.floor(down.length / 2)] ?? 0),
      healthWhileDown: whileDown,
      statusesAfter: statuses(attempts.filter((a) => a.at >= upAt)),
      firstOkAfterRestartMs: firstOkAfter ? firstOkAfter.at - upAt : null,
      processAlive: alive,
      unanswered: unanswered.length,
      processed,
      repliesPerUpdate,
      missingReplies,
      lost,
      duplicates,
      passed: alive && down.length > 0 && down200 === 0 && downNot5xx === 0 && maxDownMs < MAX_DOWN_MS && unanswered.length === 0 && lost === 0 && duplicates === 0 && missingReplies === 0,
    });
  } finally {
    await web?.stop();
    await db?.close();
    await pg.close();
    await removeQueueKeys(prefix);
    await fake.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
