// Fault drill (issue 9): every update delivered twice. Registered members file the 6-month report
// over Telegram (webhook, a fake Bot API, 1 July 2022): `/baocao`, the six answers, the attachment
// skipped with its button, "1" to submit, then `/trangthai`. A third of them post each update once
// (the control), a third post both copies at once, a third post the copy after the first was
// answered. First both copies go to one web process, then a second process joins, sharing the
// database and Redis, and the copies go one to each. Expected: every update answered 200, one
// processed_updates row each, every duplicated person getting exactly the replies a control person
// gets, and one submission with one revision per person.
// lost = updates never processed + people whose report was not filed;
// duplicates = replies beyond the control's + revisions beyond one.
// Run: npx tsx bench/drills/duplicate-updates.ts → one JSON line; exit code 1 if an expectation
// fails. PER_GROUP (10 people per group and per mode).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/db/database';
import { startFakeTelegramServer, type FakeTelegramServer } from '../../test/fakes/fake-telegram-server';
import type { TelegramUpdateJson } from '../../test/fixtures/telegram/telegram-fixtures';
import { removeQueueKeys } from '../../test/support/redis-keys';
import { dropSchema, testPostgresUrl, withSchema } from '../../test/support/test-database';
import { reportDrill } from './support/broadcast-drill';
import { addTelegramMembers, buttonUpdate, repliesPerChat, startTelegramWeb, type TelegramWeb, textUpdate } from './support/telegram-web';

const PER_GROUP = Number(process.env.PER_GROUP ?? 10);
const FIRST_USER = 7_300_000_000;
const groups = ['control', 'concurrent', 'sequential'] as const;
type Group = (typeof groups)[number];

/** One filing, step by step: a text, or a button's callback data. */
const script: ReadonlyArray<{ text: string } | { button: string }> = [
  { text: '/baocao' },
  { text: '12,5 tỷ' },
  { text: '800tr' },
  { text: '120 người' },
  { text: '8,5 triệu' },
  { text: '0' },
  { text: 'Thiếu vốn lưu động, đề nghị hỗ trợ lãi suất.' },
  { button: 'skip' },
  { text: '1' },
  { text: '/trangthai' },
];

async function main() {
  const fake = await startFakeTelegramServer();
  const schema = `drill_dup_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  const prefix = `drill-dup-${randomUUID().slice(0, 8)}`;
  const webs: TelegramWeb[] = [];
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    webs.push(await startTelegramWeb({ databaseUrl: url, fake, queuePrefix: prefix }));
    const people = 2 * groups.length * PER_GROUP;
    await addTelegramMembers(db, people, FIRST_USER);

    let nextUpdateId = 5_000;
    const statuses: Record<string, number> = {};
    const updateIds: number[] = [];
    async function post(web: TelegramWeb | undefined, update: TelegramUpdateJson): Promise<void> {
      if (!web) throw new Error('no web process');
      const { status } = await web.post(update);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    async function runPerson(user: number, group: Group, targets: readonly [TelegramWeb | undefined, TelegramWeb | undefined]) {
      for (const step of script) {
        nextUpdateId += 1;
        updateIds.push(nextUpdateId);
        const update = 'text' in step ? textUpdate(nextUpdateId, user, step.text) : buttonUpdate(nextUpdateId, user, step.button);
        if (group === 'control') await post(targets[0], update);
        else if (group === 'concurrent') await Promise.all([post(targets[0], update), post(targets[1], update)]);
        else {
          await post(targets[0], update);
          await post(targets[1], update);
        }
      }
    }
    const modes = ['one-process', 'two-processes'] as const;
    const byUser = new Map<number, { mode: (typeof modes)[number]; group: Group }>();
    for (const [m, mode] of modes.entries()) {
      if (mode === 'two-processes') webs.push(await startTelegramWeb({ databaseUrl: url, fake, queuePrefix: prefix }));
      const targets = mode === 'one-process' ? ([webs[0], webs[0]] as const) : ([webs[0], webs[1]] as const);
      const runs: Promise<void>[] = [];
      for (const [g, group] of groups.entries()) {
        for (let i = 0; i < PER_GROUP; i += 1) {
          const user = FIRST_USER + (m * groups.length + g) * PER_GROUP + i;
          byUser.set(user, { mode, group });
          runs.push(runPerson(user, group, targets));
        }
      }
      await Promise.all(runs);
    }
    await untilQuiet(fake);

    const replies = repliesPerChat(fake);
    const receipts = new Map<string, number>();
    for (const call of fake.callsTo('sendMessage')) {
      if (String(call.params.text).startsWith('Văn phòng Hiệp hội đã nhận')) receipts.set(String(call.params.chat_id), (receipts.get(String(call.params.chat_id)) ?? 0) + 1);
    }
    const controlCounts = [...byUser].filter(([, p]) => p.group === 'control').map(([user]) => replies.get(String(user)) ?? 0);
    const expected = mode(controlCounts);
    const revisions = await db.prisma.submissionRevision.findMany({ select: { submission: { select: { member: { select: { contacts: { select: { platformUserId: true } } } } } } } });
    const revisionsPerUser = new Map<string, number>();
    for (const r of revisions) {
      for (const c of r.submission.member.contacts) revisionsPerUser.set(c.platformUserId, (revisionsPerUser.get(c.platformUserId) ?? 0) + 1);
    }
    const processed = await db.prisma.processedUpdate.count({ where: { channel: 'telegram', updateId: { in: updateIds.map((id) => `tg-${id}`) } } });

    const figures = Object.fromEntries(
      modes.flatMap((m) =>
        groups.map((g) => {
          const users = [...byUser].filter(([, p]) => p.mode === m && p.group === g).map(([user]) => String(user));
          const sum = (map: Map<string, number>) => users.reduce((s, u) => s + (map.get(u) ?? 0), 0);
          return [`${m}/${g}`, { people: users.length, replies: sum(replies), receipts: sum(receipts), revisions: sum(revisionsPerUser) }];
        }),
      ),
    );
    let duplicates = 0;
    let lost = updateIds.length - processed;
    let missingReplies = 0;
    for (const user of byUser.keys()) {
      const got = replies.get(String(user)) ?? 0;
      if (got > expected) duplicates += got - expected;
      else missingReplies += expected - got;
      const filed = revisionsPerUser.get(String(user)) ?? 0;
      if (filed === 0) lost += 1;
      else duplicates += filed - 1;
    }
    const controlsAgree = controlCounts.every((c) => c === expected);
    const alive = webs.every((w) => w.process.child.exitCode === null && w.process.child.signalCode === null);
    reportDrill({
      drill: 'duplicate-updates',
      perGroup: PER_GROUP,
      stepsPerPerson: script.length,
      updates: updateIds.length,
      requests: Object.values(statuses).reduce((s, n) => s + n, 0),
      statuses,
      processed,
      repliesPerFiling: expected,
      controlsAgree,
      groups: figures,
      processesAlive: alive,
      missingReplies,
      lost,
      duplicates,
      passed: alive && controlsAgree && expected > 0 && Object.keys(statuses).every((s) => s === '200') && lost === 0 && duplicates === 0 && missingReplies === 0,
    });
  } finally {
    for (const web of webs) await web.stop();
    await db.close();
    await dropSchema(schema);
    await removeQueueKeys(prefix);
    await fake.close();
  }
}

/** Waits until the fake Bot API has had no call for two seconds: the last replies are in. */
async function untilQuiet(fake: FakeTelegramServer): Promise<void> {
  let seen = -1;
  while (fake.calls.length !== seen) {
    seen = fake.calls.length;
    await sleep(2_000);
  }
}

/** The most frequent value (the replies a filing gets); 0 for none. */
function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
