import { migrateDatabase } from '../../../src/db/migrate-database';
import { seedDatabase } from '../../../src/db/seed-database';
import type { PrismaClient } from '../../../src/db/generated/client';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);

/** Prisma's code for a unique constraint violation, whichever driver adapter raised it. */
const UNIQUE_VIOLATION = { code: 'P2002' };

describe.each(backends)('database constraints on %s', (backend: Backend) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let periodId: number;
  let memberId: number;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await migrateDatabase(t.db);
    await seedDatabase(t.db.prisma);
    prisma = t.db.prisma;
    periodId = (await prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } })).id;
    memberId = (
      await prisma.member.create({
        data: { name: 'Công ty TNHH Mẫu', nameFolded: 'cong ty tnhh mau', taxCode: '0100109106', inviteCode: 'INV-A' },
      })
    ).id;
  });
  afterAll(async () => t.dispose());

  it('rejects a second member with the same tax code', async () => {
    await expect(
      prisma.member.create({
        data: { name: 'Công ty khác', nameFolded: 'cong ty khac', taxCode: '0100109106', inviteCode: 'INV-B' },
      }),
    ).rejects.toMatchObject(UNIQUE_VIOLATION);
  });

  it('allows several members without a tax code (district associations have none)', async () => {
    await prisma.member.createMany({
      data: [
        { name: 'Hội DN huyện Hiệp Hòa', nameFolded: 'hoi dn huyen hiep hoa', type: 'district_association', inviteCode: 'INV-C' },
        { name: 'Hội DN huyện Yên Thế', nameFolded: 'hoi dn huyen yen the', type: 'district_association', inviteCode: 'INV-D' },
      ],
    });
    expect(await prisma.member.count({ where: { taxCode: null } })).toBe(2);
  });

  it('rejects a second invite code that is already taken', async () => {
    await expect(
      prisma.member.create({ data: { name: 'X', nameFolded: 'x', inviteCode: 'INV-A' } }),
    ).rejects.toMatchObject(UNIQUE_VIOLATION);
  });

  it('keeps one current submission per member and period, however many revisions', async () => {
    const submission = await prisma.submission.create({
      data: {
        memberId,
        periodId,
        currentRevision: 1,
        firstSubmittedAt: new Date('2022-07-01T03:00:00Z'),
        lastSubmittedAt: new Date('2022-07-01T03:00:00Z'),
        onTime: true,
        revisions: {
          create: {
            revision: 1,
            values: { revenue: 12_500_000_000 },
            submittedAt: new Date('2022-07-01T03:00:00Z'),
            onTime: true,
            referenceCode: 'BC-1',
          },
        },
      },
    });
    await expect(
      prisma.submission.create({
        data: {
          memberId,
          periodId,
          currentRevision: 1,
          firstSubmittedAt: new Date(),
          lastSubmittedAt: new Date(),
          onTime: false,
        },
      }),
    ).rejects.toMatchObject(UNIQUE_VIOLATION);

    await prisma.submissionRevision.create({
      data: {
        submissionId: submission.id,
        revision: 2,
        values: { revenue: 13_000_000_000 },
        submittedAt: new Date('2022-07-05T03:00:00Z'),
        onTime: true,
        referenceCode: 'BC-2',
      },
    });
    await expect(
      prisma.submissionRevision.create({
        data: {
          submissionId: submission.id,
          revision: 2,
          values: {},
          submittedAt: new Date(),
          onTime: true,
          referenceCode: 'BC-3',
        },
      }),
    ).rejects.toMatchObject(UNIQUE_VIOLATION);
    expect(await prisma.submissionRevision.count({ where: { submissionId: submission.id } })).toBe(2);
  });

  it('rejects a second contact for the same platform user on the same channel', async () => {
    await prisma.contact.create({ data: { channel: 'telegram', platformUserId: '5000000001', memberId } });
    await prisma.contact.create({ data: { channel: 'zalo_oa', platformUserId: '5000000001', memberId } });
    await expect(
      prisma.contact.create({ data: { channel: 'telegram', platformUserId: '5000000001' } }),
    ).rejects.toMatchObject(UNIQUE_VIOLATION);
    expect(await prisma.contact.count({ where: { memberId } })).toBe(2);
  });

  it('records an inbound update id once per channel', async () => {
    await prisma.processedUpdate.create({ data: { channel: 'telegram', updateId: '123' } });
    await expect(
      prisma.processedUpdate.create({ data: { channel: 'telegram', updateId: '123' } }),
    ).rejects.toMatchObject(UNIQUE_VIOLATION);
    await expect(prisma.processedUpdate.create({ data: { channel: 'zalo_oa', updateId: '123' } })).resolves.toBeTruthy();
  });

  it('records a reminder (member, period, offset) once', async () => {
    const data = { memberId, periodId, offsetKey: 'D-7', dueAt: new Date('2022-07-03T01:00:00Z') };
    await prisma.reminderLog.create({ data });
    await expect(prisma.reminderLog.create({ data })).rejects.toMatchObject(UNIQUE_VIOLATION);
  });

  it('rejects a delivery whose dedupe key was already used', async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { memberId } });
    const data = { dedupeKey: 'b:1:c:1', contactId: contact.id, channel: contact.channel };
    await prisma.delivery.create({ data });
    await expect(prisma.delivery.create({ data })).rejects.toMatchObject(UNIQUE_VIOLATION);
  });

  it('rejects a submission for a member that does not exist', async () => {
    await expect(
      prisma.submission.create({
        data: {
          memberId: 999_999,
          periodId,
          currentRevision: 1,
          firstSubmittedAt: new Date(),
          lastSubmittedAt: new Date(),
          onTime: true,
        },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });
});
