import { randomUUID } from 'node:crypto';
import { foldText } from '../../../src/core/text/fold-text';
import { openDatabase, type Database } from '../../../src/db/database';
import { prepareDatabase } from '../../../src/db/prepare-database';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../fakes/fake-telegram-server';
import { runCli } from '../../support/run-cli';
import { removeQueueKeys } from '../../support/redis-keys';
import { silentLogger } from '../../support/silent-logger';
import { dropSchema, testPostgresUrl, withSchema } from '../../support/test-database';

jest.setTimeout(180_000);

/**
 * The demonstration: APP_NOW just after a 2022 reminder time, some members have filed;
 * `npm run job -- reminders` reminds the others only, and a second run sends nothing more.
 */
describe('npm run job -- reminders', () => {
  const schema = `t_rem_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  const prefix = `rem-${randomUUID().slice(0, 8)}`;
  let db: Database;
  let fake: FakeTelegramServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeTelegramServer();
    db = await openDatabase({ kind: 'postgres', url });
    await prepareDatabase(db, silentLogger);
    const area = await db.prisma.area.findUniqueOrThrow({ where: { code: 'viet-yen' } });
    const period = await db.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
    for (let i = 1; i <= 4; i += 1) {
      const name = `Công ty Việt Yên ${i}`;
      const member = await db.prisma.member.create({
        data: {
          name,
          nameFolded: foldText(name),
          areaId: area.id,
          status: 'active',
          inviteCode: `VY${i}`,
          createdAt: new Date('2022-05-01T00:00:00Z'),
          contacts: { create: { channel: 'telegram', platformUserId: String(40 + i) } },
        },
      });
      if (i === 1) {
        await db.prisma.submission.create({
          data: { memberId: member.id, periodId: period.id, currentRevision: 1, firstSubmittedAt: new Date('2022-07-02T02:00:00Z'), lastSubmittedAt: new Date('2022-07-02T02:00:00Z'), onTime: true },
        });
      }
    }
    await db.prisma.contact.create({ data: { channel: 'telegram', platformUserId: '99', role: 'office' } });
    env = {
      DATABASE_URL: url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      // Five minutes after the 3-days-left reminder of the 6-month report (due before 10/7).
      APP_NOW: '2022-07-07T08:05:00+07:00',
    };
  });
  afterAll(async () => {
    await db.close();
    await dropSchema(schema);
    await fake.close();
    await removeQueueKeys(prefix);
  });

  it('reminds only the members who have not filed, tells the office, and sends nothing the second time', async () => {
    const first = await runCli('job', ['reminders'], env);
    expect(first.code).toBe(0);
    expect(first.output).toContain('Nhắc hạn: 3 hội viên được nhắc');
    expect(fake.sent(41)).toEqual([]);
    for (const chat of [42, 43, 44]) {
      const [message] = fake.sent(chat);
      expect(String(message?.text)).toContain('Nhắc hạn: Báo cáo 6 tháng đầu năm 2022 cần gửi Văn phòng Hiệp hội trước ngày 10/7/2022 (còn 3 ngày).');
    }
    const [digest] = fake.sent(99);
    expect(String(digest?.text)).toContain('Nhắc hạn hôm nay — Báo cáo 6 tháng đầu năm 2022 (trước ngày 10/7/2022): 3 hội viên chưa nộp.');
    expect(String(digest?.text)).toContain('• Việt Yên: 3');
    // The 14- and 7-day reminders were missed (nothing ran then): recorded as superseded, not sent late.
    const log = await db.prisma.reminderLog.findMany({ orderBy: [{ memberId: 'asc' }, { dueAt: 'asc' }] });
    expect(log.filter((r) => r.sentAt).map((r) => r.offsetKey)).toEqual(['D-3', 'D-3', 'D-3']);
    expect(log.filter((r) => !r.sentAt).map((r) => [r.offsetKey, r.skippedReason])).toEqual(
      Array.from({ length: 3 }, () => [
        ['D-14', 'superseded'],
        ['D-7', 'superseded'],
      ]).flat(),
    );

    const callsBefore = fake.callsTo('sendMessage').length;
    const second = await runCli('job', ['reminders'], env);
    expect(second.code).toBe(0);
    expect(second.output).toContain('Nhắc hạn: 0 hội viên được nhắc');
    expect(fake.callsTo('sendMessage')).toHaveLength(callsBefore);
    expect(await db.prisma.reminderLog.count()).toBe(9);
  });

  it('queues the plan and the current phase theme once with the calendar job', async () => {
    const first = await runCli('job', ['calendar'], env);
    expect(first.output).toMatch(/Lịch thi đua: đã xếp gửi thông báo số \d+, \d+\./);
    const kinds = (await db.prisma.broadcast.findMany({ orderBy: { id: 'asc' } })).map((b) => b.kind);
    expect(kinds).toEqual(['plan', 'phase_theme']);
    expect((await runCli('job', ['calendar'], env)).output).toContain('không có gì mới để gửi');
  });
});
