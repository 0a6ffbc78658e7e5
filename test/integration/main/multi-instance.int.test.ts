import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { foldText } from '../../../src/core/text/fold-text';
import { openDatabase, type Database } from '../../../src/db/database';
import { prepareDatabase } from '../../../src/db/prepare-database';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../fakes/fake-telegram-server';
import { telegramFixture } from '../../fixtures/telegram/telegram-fixtures';
import { validTaxCode } from '../../support/flow-helpers';
import { freePort } from '../../support/free-port';
import { metricValue } from '../../support/metrics-text';
import { removeQueueKeys } from '../../support/redis-keys';
import { type ServiceProcess, startService, waitForStatus } from '../../support/service-process';
import { silentLogger } from '../../support/silent-logger';
import { dropSchema, testPostgresUrl, withSchema } from '../../support/test-database';

jest.setTimeout(240_000);

const secret = 'webhook-secret-for-tests-0123456789';
const metricsToken = 'metrics-token-for-tests-0123456789';
const greeting = 'Kính chào Quý doanh nghiệp';
const reminderText = 'Nhắc hạn: Báo cáo 6 tháng đầu năm 2022';

/**
 * Two service processes, as two replicas behind a load balancer: one PostgreSQL schema, one Redis
 * prefix, Telegram by webhook to either. Each update is answered once wherever it lands (and when
 * it lands on both), a conversation goes on across them, and the schedule, ticking in both every
 * two seconds, runs each slot's reminder job once: one reminder per member.
 */
describe('two service processes on one PostgreSQL and one Redis', () => {
  const schema = `t_multi_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  const prefix = `multi-${randomUUID().slice(0, 8)}`;
  const taxCode = validTaxCode(71);
  let db: Database;
  let fake: FakeTelegramServer;
  let services: ServiceProcess[] = [];
  let posted = 0;
  let metricsPort = 0;

  beforeAll(async () => {
    fake = await startFakeTelegramServer();
    db = await openDatabase({ kind: 'postgres', url });
    await prepareDatabase(db, silentLogger);
    const area = await db.prisma.area.findUniqueOrThrow({ where: { code: 'viet-yen' } });
    for (let i = 1; i <= 3; i += 1) {
      const name = `Công ty Hai Máy ${i}`;
      await db.prisma.member.create({
        data: {
          name,
          nameFolded: foldText(name),
          areaId: area.id,
          status: 'active',
          inviteCode: `HM${i}`,
          createdAt: new Date('2022-05-01T00:00:00Z'),
          contacts: { create: { channel: 'telegram', platformUserId: String(40 + i) } },
        },
      });
    }
    await db.prisma.member.create({
      data: { name: 'Công ty Đồng Bộ', nameFolded: foldText('Công ty Đồng Bộ'), taxCode, areaId: area.id, status: 'active', inviteCode: 'DB1', createdAt: new Date('2022-05-01T00:00:00Z') },
    });
    await db.prisma.contact.create({ data: { channel: 'telegram', platformUserId: '99', role: 'office' } });

    const env = {
      DATABASE_URL: url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      PUBLIC_URL: 'https://bot.example.vn',
      TELEGRAM_WEBHOOK_SECRET: secret,
      METRICS_TOKEN: metricsToken,
      // Five minutes after the 3-days-left reminder of the 6-month report (due before 10/7).
      APP_NOW: '2022-07-07T08:05:00+07:00',
      // Every two seconds instead of every quarter hour, so both tick many slots in the test.
      JOBS_CRON: '*/2 * * * * *',
    };
    // Started together, as a deployment's replicas are: both migrate under the same lock.
    const ports = [await freePort(), await freePort()];
    metricsPort = await freePort();
    services = [startService('web', { ...env, METRICS_PORT: String(metricsPort) }, ports[0] ?? 0), startService('web', env, ports[1] ?? 0)];
    await Promise.all(services.map((s) => waitForStatus(s, '/readyz', 200, 120_000)));
  });

  afterAll(async () => {
    for (const s of services) s.child.kill('SIGTERM');
    await Promise.all(services.map((s) => s.exited));
    await db.close();
    await dropSchema(schema);
    await fake.close();
    await removeQueueKeys(prefix);
  });

  const [a, b] = [0, 1];
  async function post(to: number, update: object): Promise<number> {
    posted += 1;
    const response = await fetch(`${services[to]?.baseUrl}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    return response.status;
  }
  const texts = (chat: number) => fake.sent(chat).map((m) => String(m.text));
  async function untilSent(chat: number, count: number, timeoutMs = 20_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (texts(chat).length < count && Date.now() < deadline) await sleep(100);
    // A little longer: a second answer, were there one, would come now.
    await sleep(1_500);
    return texts(chat);
  }
  async function scrape(to: number): Promise<string> {
    const response = await fetch(`${services[to]?.baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(response.status).toBe(200);
    return response.text();
  }
  const both = async (name: string, labels: Record<string, string> = {}) =>
    metricValue(await scrape(a), name, labels) + metricValue(await scrape(b), name, labels);

  it('registered the webhook from both and refuses /metrics without the token', async () => {
    expect(fake.callsTo('setWebhook').length).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${services[a]?.baseUrl}/metrics`)).status).toBe(401);
  });

  it('answers an update delivered to both instances at once exactly once', async () => {
    const update = telegramFixture('private-text', { userId: 701, updateId: 9101, text: '/start' });
    expect(await Promise.all([post(a, update), post(b, update)])).toEqual([200, 200]);
    const sent = await untilSent(701, 2);
    expect(sent).toHaveLength(2);
    expect(sent.filter((t) => t.includes(greeting))).toHaveLength(1);
    // A redelivery, later, to either: nothing more.
    expect(await post(b, update)).toBe(200);
    expect(await untilSent(701, 3, 1_000)).toHaveLength(2);
  });

  it('answers different updates, alternately to each instance, once each', async () => {
    const users = [711, 712, 713, 714, 715, 716];
    for (const [i, userId] of users.entries()) {
      expect(await post(i % 2, telegramFixture('private-text', { userId, updateId: 9200 + i, text: '/start' }))).toBe(200);
    }
    for (const userId of users) {
      const sent = await untilSent(userId, 2, 20_000);
      expect(sent).toHaveLength(2);
      expect(sent[0]).toContain(greeting);
    }
  });

  it('carries one conversation across the instances: the state is in the database', async () => {
    expect(await post(a, telegramFixture('private-text', { userId: 702, updateId: 9301, text: '/start' }))).toBe(200);
    await untilSent(702, 2);
    expect(await post(b, telegramFixture('private-text', { userId: 702, updateId: 9302, text: taxCode }))).toBe(200);
    const asked = await untilSent(702, 3);
    expect(asked.filter((t) => t.includes('Có phải Anh/Chị thuộc Công ty Đồng Bộ'))).toHaveLength(1);
    expect(await post(a, telegramFixture('private-text', { userId: 702, updateId: 9303, text: '1' }))).toBe(200);
    const linked = (await untilSent(702, 4)).filter((t) => t.includes('đã được liên kết với Công ty Đồng Bộ'));
    expect(linked).toHaveLength(1);
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { channel: 'telegram', platformUserId: '702' }, include: { member: true } });
    expect(contact.member?.name).toBe('Công ty Đồng Bộ');
  });

  it('runs each scheduled slot once across both: one reminder per member, one digest', async () => {
    // Both instances have ticked the same slots by now; wait until each has lost a few to the other.
    const deadline = Date.now() + 60_000;
    let seen = { skippedA: 0, skippedB: 0, taken: 0, runs: -1 };
    const settled = () => seen.skippedA >= 2 && seen.skippedB >= 2 && seen.taken >= 4 && seen.runs === seen.taken;
    while (Date.now() < deadline && !settled()) {
      await sleep(1_000);
      const [textA, textB] = [await scrape(a), await scrape(b)];
      const sum = (name: string, labels: Record<string, string>) => metricValue(textA, name, labels) + metricValue(textB, name, labels);
      seen = {
        skippedA: metricValue(textA, 'hiephoi_schedule_ticks_total', { outcome: 'skipped' }),
        skippedB: metricValue(textB, 'hiephoi_schedule_ticks_total', { outcome: 'skipped' }),
        taken: sum('hiephoi_schedule_ticks_total', { outcome: 'taken' }),
        runs: sum('hiephoi_scheduled_job_runs_total', { job: 'reminders', outcome: 'completed' }),
      };
    }
    // Between ticks, every slot either instance took has run exactly once: a double run would
    // leave `runs` above `taken` for good, a slot taken twice would show in `skipped`.
    expect({ ...seen, settled: settled() }).toMatchObject({ settled: true });

    for (const chat of [41, 42, 43]) {
      const reminders = texts(chat).filter((t) => t.includes(reminderText));
      expect(reminders).toHaveLength(1);
      expect(reminders[0]).toContain('trước ngày 10/7/2022 (còn 3 ngày)');
    }
    const digests = texts(99).filter((t) => t.includes('Nhắc hạn hôm nay'));
    expect(digests).toHaveLength(1);
    const sentLog = await db.prisma.reminderLog.findMany({ where: { sentAt: { not: null } }, include: { member: true } });
    expect(sentLog.filter((r) => r.member.name.startsWith('Công ty Hai Máy')).map((r) => r.offsetKey)).toEqual(['D-3', 'D-3', 'D-3']);

    // The calendar job too: the plan and the current phase's theme, as one broadcast each.
    const broadcasts = await db.prisma.broadcast.findMany({ orderBy: { id: 'asc' } });
    expect(broadcasts.map((x) => x.kind)).toEqual(['plan', 'phase_theme']);

    // Everything queued (reminders, digest, broadcasts) went out through the send workers of one
    // instance or the other, once per delivery row.
    const sentRows = await db.prisma.delivery.findMany({ where: { status: 'sent', channel: 'telegram' }, include: { contact: true } });
    expect(await both('hiephoi_deliveries_total', { channel: 'telegram', status: 'sent' })).toBe(sentRows.length);
    for (const chat of [41, 42, 43, 99]) {
      expect(fake.sent(chat)).toHaveLength(sentRows.filter((r) => r.contact?.platformUserId === String(chat)).length);
    }
    expect(await both('hiephoi_reminders_sent_total', { channel: 'telegram' })).toBe(3);
  });

  it('counts, across both, every update handled and every webhook answered', async () => {
    expect(await both('hiephoi_inbound_messages_total', { channel: 'telegram' })).toBe(posted);
    expect(await both('hiephoi_webhook_duration_seconds_count', { route: '/webhooks/telegram', status: '200' })).toBe(posted);
    const replies = await both('hiephoi_replies_total', { channel: 'telegram', outcome: 'sent' });
    // Replies went to the people who wrote (7xx); the send workers' messages are counted apart.
    const toWriters = fake.callsTo('sendMessage').filter((c) => Number(c.params.chat_id) >= 700 && !String(c.params.text).includes('Nhắc hạn'));
    expect(replies).toBe(toWriters.length);
    expect(await scrape(a)).toMatch(/hiephoi_queue_jobs\{queue="outbound-telegram",state="waiting"\} \d+/);
    // The first one's internal metrics port answers as well, asking for the token too.
    const internal = `http://127.0.0.1:${metricsPort}/metrics`;
    expect((await fetch(internal)).status).toBe(401);
    const served = await fetch(internal, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(await served.text()).toContain('hiephoi_inbound_messages_total');
  });
});
