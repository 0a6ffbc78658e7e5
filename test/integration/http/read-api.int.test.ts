import Fastify from 'fastify';
import { foldText } from '../../../src/core/text/fold-text';
import { DeliveryStatus } from '../../../src/db/generated/client';
import { createPrismaReadApiRepository } from '../../../src/db/prisma-read-api-repository';
import { readApiRoutes } from '../../../src/http/routes/read-api-routes';
import { createHarness, type Harness, july1st2022 } from '../../support/conversation-harness';
import {
  fillReport,
  linkedMember,
  pdf,
  periodByCode,
  referenceCode,
  reportAnswers,
  storedReportValues,
  validTaxCode,
} from '../../support/flow-helpers';
import { type Backend, backends } from '../../support/test-database';
import { silentLogger } from '../../support/silent-logger';

jest.setTimeout(60_000);

const TOKEN = 'read-api-integration-token-0123456789';

/** The plugin alone in a Fastify instance (wiring it into buildApp is src/http/app.ts's business). */
async function readApiApp(h: Harness) {
  const app = Fastify({ loggerInstance: silentLogger });
  await app.register(readApiRoutes, { token: TOKEN, repository: createPrismaReadApiRepository(h.prisma) });
  return app;
}

describe.each(backends)('read API on %s', (backend: Backend) => {
  let h: Harness;
  let app: Awaited<ReturnType<typeof readApiApp>>;
  /** Member ids in creation order: a, b, late (linked, Hiệp Hòa), c (Lục Nam), e (pending), d (no area). */
  const m = { a: 0, b: 0, late: 0, c: 0, e: 0, d: 0 };
  let inviteA = '';
  let taxCodeC = '';
  let sixMonthsId = 0;
  let broadcastId = 0;

  beforeAll(async () => {
    h = await createHarness(backend);
    app = await readApiApp(h);

    // Reports filed through the conversation, as members file them.
    const a = await linkedMember(h, 'ra-a');
    m.a = a.memberId;
    inviteA = a.inviteCode;
    await fillReport(h, 'ra-a');
    await h.say('ra-a', '1');

    m.b = (await linkedMember(h, 'ra-b')).memberId;
    await fillReport(h, 'ra-b', reportAnswers.slice(0, 6));
    await h.say('ra-b', { attachment: pdf('bc-6-thang.pdf') });
    await h.say('ra-b', '1');

    m.late = (await linkedMember(h, 'ra-late')).memberId;
    h.clock.set(new Date('2022-07-12T09:00:00+07:00'));
    await fillReport(h, 'ra-late');
    await h.say('ra-late', '1');
    h.clock.set(july1st2022);

    // Members the office keeps without a contact, straight in the database.
    const area = (code: string) => h.prisma.area.findUniqueOrThrow({ where: { code } });
    taxCodeC = validTaxCode(9_001);
    const create = (name: string, data: { areaId: number | null; status: 'active' | 'pending' | 'suspended'; taxCode?: string; inviteCode: string }) =>
      h.prisma.member.create({ data: { name, nameFolded: foldText(name), ...data } });
    m.c = (await create('Công ty Cổ phần Hiệp Hòa Xanh', { areaId: (await area('luc-nam')).id, status: 'active', taxCode: taxCodeC, inviteCode: 'RAC0001' })).id;
    m.e = (await create('HTX Dịch vụ HIỆP HOÀ', { areaId: (await area('hiep-hoa')).id, status: 'pending', inviteCode: 'RAE0001' })).id;
    m.d = (await create('HTX Nông nghiệp Lục Ngạn', { areaId: null, status: 'suspended', inviteCode: 'RAD0001' })).id;

    // A correction filed on paper and keyed in by the office: the current revision is the second.
    sixMonthsId = (await periodByCode(h, '6-thang')).id;
    await h.prisma.submission.create({
      data: {
        memberId: m.c,
        periodId: sixMonthsId,
        currentRevision: 2,
        firstSubmittedAt: new Date('2022-07-05T10:00:00+07:00'),
        lastSubmittedAt: new Date('2022-07-06T10:00:00+07:00'),
        onTime: true,
        revisions: {
          create: [
            { revision: 1, values: { revenue: 1_000_000_000, employees: 12 }, submittedAt: new Date('2022-07-05T10:00:00+07:00'), onTime: true, referenceCode: 'RA-C-1' },
            {
              revision: 2,
              values: { revenue: 2_000_000_000, employees: 30, difficulties: 'Không có' },
              submittedAt: new Date('2022-07-06T10:00:00+07:00'),
              onTime: true,
              referenceCode: 'RA-C-2',
            },
          ],
        },
      },
    });

    // A broadcast with deliveries in several states, and deliveries that are not its own.
    const contacts = await h.prisma.contact.findMany({ where: { memberId: { not: null } }, orderBy: { id: 'asc' } });
    const broadcast = await h.prisma.broadcast.create({
      data: { kind: 'announcement', title: 'Thông báo nghỉ Lễ', body: 'Văn phòng nghỉ Lễ 2/9.', audience: {}, status: 'sending', startedAt: july1st2022 },
    });
    const other = await h.prisma.broadcast.create({ data: { title: 'Khác', body: 'Khác', audience: {} } });
    broadcastId = broadcast.id;
    const rows: { broadcastId: number | null; status: 'queued' | 'sent' | 'failed'; failure?: 'blocked' | 'unreachable' | 'error' }[] = [
      { broadcastId, status: 'sent' },
      { broadcastId, status: 'sent' },
      { broadcastId, status: 'queued' },
      { broadcastId, status: 'failed', failure: 'blocked' },
      { broadcastId, status: 'failed', failure: 'blocked' },
      { broadcastId, status: 'failed', failure: 'unreachable' },
      // A failure reason left on a delivery that is queued again is not a failure.
      { broadcastId, status: 'queued', failure: 'error' },
      { broadcastId: other.id, status: 'failed', failure: 'unreachable' },
      { broadcastId: null, status: 'sent' },
    ];
    for (const [i, row] of rows.entries()) {
      const contact = contacts[i % contacts.length];
      if (!contact) throw new Error('no contact to deliver to');
      await h.prisma.delivery.create({
        data: { ...row, dedupeKey: `read-api:${i}`, contactId: contact.id, memberId: contact.memberId, channel: contact.channel },
      });
    }
  });
  afterAll(async () => {
    await app.close();
    await h.dispose();
  });

  async function get(url: string) {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: response.statusCode, body: response.json() };
  }

  const ids = (body: { data: { id: number }[] }) => body.data.map((row) => row.id);

  describe('members', () => {
    it('pages through every member in id order with the total on each page', async () => {
      const all = [m.a, m.b, m.late, m.c, m.e, m.d];
      const pages = await Promise.all([1, 2, 3].map((page) => get(`/api/v1/members?pageSize=4&page=${page}`)));
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
      expect(pages.map((p) => p.body.total)).toEqual([6, 6, 6]);
      expect(pages.map((p) => [p.body.page, p.body.pageSize])).toEqual([[1, 4], [2, 4], [3, 4]]);
      expect(pages.map((p) => ids(p.body))).toEqual([all.slice(0, 4), all.slice(4), []]);
      const defaults = await get('/api/v1/members');
      expect(defaults.body).toMatchObject({ page: 1, pageSize: 100, total: 6 });
      expect(ids(defaults.body)).toEqual(all);
    });

    it('describes a linked member with its area and contacts, dates as ISO strings', async () => {
      const { body } = await get('/api/v1/members?pageSize=1');
      expect(body.data[0]).toEqual({
        id: m.a,
        name: expect.stringContaining('Công ty TNHH Thử nghiệm số'),
        taxCode: expect.stringMatching(/^\d{10}$/),
        area: { code: 'hiep-hoa', name: 'Hiệp Hòa' },
        type: 'enterprise',
        status: 'active',
        contactPerson: null,
        phone: null,
        inviteCode: inviteA,
        contacts: [{ channel: 'webchat', role: 'member', status: 'active', lastInteractionAt: '2022-07-01T02:00:00.000Z' }],
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      const noArea = (await get('/api/v1/members?status=suspended')).body;
      expect(noArea.data).toEqual([expect.objectContaining({ id: m.d, area: null, taxCode: null, contacts: [] })]);
    });

    it.each([
      ['area=hiep-hoa', ['a', 'b', 'late', 'e']],
      ['area=luc-nam', ['c']],
      ['status=pending', ['e']],
      ['area=hiep-hoa&status=active', ['a', 'b', 'late']],
      ['area=luc-nam&status=pending', []],
      ['area=khong-co', []],
      ['q=hiep%20hoa', ['c', 'e']],
      ['q=HI%E1%BB%86P%20HO%C3%80', ['c', 'e']],
      ['q=Hi%E1%BB%87p%20Ho%C3%A0', ['c', 'e']],
      ['q=hiep%20hoa&status=active', ['c']],
      ['q=%25', []],
      ['q=_', []],
      ['q=%5C', []],
    ] as const)('filters with %s', async (query, expected) => {
      const { status, body } = await get(`/api/v1/members?${query}`);
      expect(status).toBe(200);
      expect(ids(body)).toEqual(expected.map((key) => m[key]));
      expect(body.total).toBe(expected.length);
    });

    it('finds a member by tax code or invite code', async () => {
      expect(ids((await get(`/api/v1/members?q=${taxCodeC}`)).body)).toEqual([m.c]);
      expect(ids((await get(`/api/v1/members?q=${inviteA.toLowerCase()}`)).body)).toEqual([m.a]);
    });
  });

  describe('submissions', () => {
    it("lists a period's submissions with the current revision's values as numbers", async () => {
      const { status, body } = await get(`/api/v1/submissions?period=${sixMonthsId}`);
      expect(status).toBe(200);
      expect(body.period).toEqual({ id: sixMonthsId, code: '6-thang', name: expect.any(String), deadlineAt: '2022-07-09T17:00:00.000Z' });
      expect(body).toMatchObject({ page: 1, pageSize: 100, total: 4 });
      expect(body.data.map((s: { member: { id: number } }) => s.member.id)).toEqual([m.a, m.b, m.late, m.c]);

      const [a, b, late, c] = body.data;
      expect(a).toEqual({
        member: { id: m.a, name: expect.any(String), taxCode: expect.any(String), area: { code: 'hiep-hoa', name: 'Hiệp Hòa' } },
        onTime: true,
        firstSubmittedAt: '2022-07-01T02:00:00.000Z',
        lastSubmittedAt: '2022-07-01T02:00:00.000Z',
        currentRevision: 1,
        referenceCode: referenceCode(m.a, 1),
        values: storedReportValues,
        attachments: [],
      });
      expect(typeof a.values.revenue).toBe('number');
      expect(a.values.revenue).toBe(12_500_000_000);

      expect(b.values).toEqual({ ...storedReportValues, attachment: { fileName: 'bc-6-thang.pdf' } });
      expect(b.attachments).toEqual([{ fileName: 'bc-6-thang.pdf', mimeType: 'application/pdf', sizeBytes: 20_480, sha256: 'ab'.repeat(32) }]);

      expect(late).toMatchObject({ onTime: false, firstSubmittedAt: '2022-07-12T02:00:00.000Z', currentRevision: 1 });

      expect(c).toMatchObject({
        member: { id: m.c, taxCode: taxCodeC, area: { code: 'luc-nam', name: 'Lục Nam' } },
        onTime: true,
        firstSubmittedAt: '2022-07-05T03:00:00.000Z',
        lastSubmittedAt: '2022-07-06T03:00:00.000Z',
        currentRevision: 2,
        referenceCode: 'RA-C-2',
        values: { revenue: 2_000_000_000, employees: 30, difficulties: 'Không có' },
      });
    });

    it('pages through the submissions', async () => {
      const first = (await get(`/api/v1/submissions?period=${sixMonthsId}&pageSize=3`)).body;
      const second = (await get(`/api/v1/submissions?period=${sixMonthsId}&pageSize=3&page=2`)).body;
      expect([first.total, second.total]).toEqual([4, 4]);
      expect(first.data.map((s: { member: { id: number } }) => s.member.id)).toEqual([m.a, m.b, m.late]);
      expect(second.data.map((s: { member: { id: number } }) => s.member.id)).toEqual([m.c]);
    });

    it('answers an empty list for a period nobody filed yet, 404 for an unknown one, 400 without one', async () => {
      const yearly = await periodByCode(h, 'ca-nam');
      const empty = await get(`/api/v1/submissions?period=${yearly.id}`);
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ period: { id: yearly.id, code: 'ca-nam' }, data: [], total: 0 });
      expect((await get('/api/v1/submissions?period=999999')).status).toBe(404);
      const missing = await get('/api/v1/submissions');
      expect(missing.status).toBe(400);
      expect(missing.body.error).toContain('“period”');
    });
  });

  describe('broadcasts', () => {
    it('counts its own deliveries by status and failed ones by reason', async () => {
      const { status, body } = await get(`/api/v1/broadcasts/${broadcastId}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: broadcastId,
        kind: 'announcement',
        title: 'Thông báo nghỉ Lễ',
        status: 'sending',
        scheduledAt: null,
        startedAt: '2022-07-01T02:00:00.000Z',
        finishedAt: null,
        cancelledAt: null,
        createdAt: expect.any(String),
      });
      expect(body.counts).toMatchObject({ queued: 2, sent: 2, failed: 3, total: 7 });
      // Every status the schema knows is there, zero included, whatever is added later.
      expect(Object.keys(body.counts).sort()).toEqual([...Object.values(DeliveryStatus), 'total'].sort());
      expect(body.failures).toMatchObject({ blocked: 2, unreachable: 1, error: 0 });
    });

    it('answers 404 for an unknown broadcast', async () => {
      const response = await get('/api/v1/broadcasts/999999');
      expect(response.status).toBe(404);
      expect(response.body.error).toContain('999999');
    });
  });

  it('refuses a request without the token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/members' });
    expect(response.statusCode).toBe(401);
  });
});
