import Fastify from 'fastify';
import type { ReadApiRepository, MemberQuery } from '../../../src/http/routes/read-api-repository';
import { readApiRoutes } from '../../../src/http/routes/read-api-routes';
import { silentLogger } from '../../support/silent-logger';

const TOKEN = 'k3y-for-tests_0123456789abcdefghij';

/** An in-memory repository: one member, one period, one broadcast; records the member queries. */
function fakeRepository() {
  const memberQueries: MemberQuery[] = [];
  const repository: ReadApiRepository = {
    async findMembers(query) {
      memberQueries.push(query);
      return {
        items: [
          {
            id: 7,
            name: 'Công ty TNHH Hiệp Hòa Phát',
            taxCode: '0101234567',
            area: { code: 'hiep-hoa', name: 'Hiệp Hòa' },
            type: 'enterprise',
            status: 'active',
            contactPerson: null,
            phone: '+84912345678',
            inviteCode: 'HV0001',
            contacts: [{ channel: 'webchat', role: 'member', status: 'active', lastInteractionAt: new Date('2022-07-01T02:00:00Z') }],
            createdAt: new Date('2022-06-01T00:00:00Z'),
          },
        ],
        total: 1,
      };
    },
    async findPeriodById(id) {
      return id === 1 ? { id: 1, code: '6-thang', name: 'Báo cáo 6 tháng', deadlineAt: new Date('2022-07-09T17:00:00Z') } : null;
    },
    async findSubmissionsByPeriodId() {
      return { items: [], total: 0 };
    },
    async findBroadcastByIdIncludeCounts(id) {
      if (id !== 3) return null;
      return {
        id: 3,
        kind: 'announcement',
        title: 'Thông báo',
        status: 'sent',
        scheduledAt: null,
        startedAt: new Date('2022-07-01T02:00:00Z'),
        finishedAt: null,
        cancelledAt: null,
        createdAt: new Date('2022-07-01T01:00:00Z'),
        deliveryCounts: { queued: 1, sent: 2, failed: 1, cancelled: 0 },
        failureCounts: { blocked: 1, unreachable: 0 },
      };
    },
  };
  return { repository, memberQueries };
}

async function appWith(token: string | undefined) {
  const fake = fakeRepository();
  const app = Fastify({ loggerInstance: silentLogger });
  await app.register(readApiRoutes, { token, repository: fake.repository });
  return { app, ...fake };
}

function get(app: Awaited<ReturnType<typeof appWith>>['app'], url: string, authorization?: string) {
  return app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });
}

describe('read API authentication', () => {
  const urls = ['/api/v1/members', '/api/v1/submissions?period=1', '/api/v1/broadcasts/3'];

  it.each(urls)('answers 401 with WWW-Authenticate when the header is missing (%s)', async (url) => {
    const { app } = await appWith(TOKEN);
    const response = await get(app, url);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toEqual({ error: 'Thiếu hoặc sai mã truy cập.' });
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`],
    ['the bare token', TOKEN],
    ['a wrong token', 'Bearer not-the-token'],
    ['the token with a character missing', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token with a character more', `Bearer ${TOKEN}x`],
    ['an empty bearer', 'Bearer '],
    ['the token twice', `Bearer ${TOKEN} ${TOKEN}`],
  ])('answers 401 for %s', async (_case, authorization) => {
    const { app, memberQueries } = await appWith(TOKEN);
    const response = await get(app, '/api/v1/members', authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toEqual({ error: 'Thiếu hoặc sai mã truy cập.' });
    expect(memberQueries).toHaveLength(0);
  });

  it.each([`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER  ${TOKEN}`])('answers 200 with the right token (%s)', async (authorization) => {
    const { app } = await appWith(TOKEN);
    const response = await get(app, '/api/v1/members', authorization);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json().total).toBe(1);
  });

  it.each([undefined, '', '   '])('answers 503 to everyone when no token is configured (%p)', async (token) => {
    const { app, memberQueries } = await appWith(token);
    for (const authorization of [undefined, 'Bearer ', `Bearer ${TOKEN}`, 'Bearer undefined']) {
      const response = await get(app, '/api/v1/members', authorization);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ error: 'API chưa được bật: đặt ADMIN_API_TOKEN.' });
    }
    expect(memberQueries).toHaveLength(0);
  });

  it('checks the token before the query, so a stranger learns nothing about the parameters', async () => {
    const { app } = await appWith(TOKEN);
    const response = await get(app, '/api/v1/members?pageSize=9999');
    expect(response.statusCode).toBe(401);
  });
});

describe('read API parameters', () => {
  const auth = `Bearer ${TOKEN}`;

  it('passes defaults and filters to the repository', async () => {
    const { app, memberQueries } = await appWith(TOKEN);
    await get(app, '/api/v1/members', auth);
    await get(app, '/api/v1/members?page=2&pageSize=500&area=Hiep-Hoa&status=active&q=%20hiep%20hoa%20', auth);
    await get(app, '/api/v1/members?q=%20%20', auth);
    expect(memberQueries).toEqual([
      { page: 1, pageSize: 100 },
      { page: 2, pageSize: 500, areaCode: 'hiep-hoa', status: 'active', search: 'hiep hoa' },
      { page: 1, pageSize: 100 },
    ]);
  });

  it('serialises members with ISO dates and the paging echoed', async () => {
    const { app } = await appWith(TOKEN);
    const body = (await get(app, '/api/v1/members?page=1&pageSize=10', auth)).json();
    expect(body).toMatchObject({ page: 1, pageSize: 10, total: 1 });
    expect(body.data[0]).toEqual({
      id: 7,
      name: 'Công ty TNHH Hiệp Hòa Phát',
      taxCode: '0101234567',
      area: { code: 'hiep-hoa', name: 'Hiệp Hòa' },
      type: 'enterprise',
      status: 'active',
      contactPerson: null,
      phone: '+84912345678',
      inviteCode: 'HV0001',
      contacts: [{ channel: 'webchat', role: 'member', status: 'active', lastInteractionAt: '2022-07-01T02:00:00.000Z' }],
      createdAt: '2022-06-01T00:00:00.000Z',
    });
  });

  it.each([
    ['/api/v1/members?page=0', 'Tham số “page” không hợp lệ'],
    ['/api/v1/members?page=abc', 'Tham số “page” không hợp lệ'],
    ['/api/v1/members?page=1e2', 'Tham số “page” không hợp lệ'],
    ['/api/v1/members?pageSize=501', 'Tham số “pageSize” không hợp lệ: cần số nguyên từ 1 đến 500.'],
    ['/api/v1/members?pageSize=-1', 'Tham số “pageSize” không hợp lệ'],
    ['/api/v1/members?pageSize=1&pageSize=2', 'Tham số “pageSize” không hợp lệ'],
    ['/api/v1/members?status=deleted', 'Tham số “status” không hợp lệ: cần một trong pending, active, suspended, rejected.'],
    ['/api/v1/members?area=hi%C3%AAp', 'Tham số “area” không hợp lệ'],
    [`/api/v1/members?q=${'a'.repeat(201)}`, 'Tham số “q” không hợp lệ'],
    ['/api/v1/members?pagesize=10', 'Tham số không được hỗ trợ: “pagesize”.'],
    ['/api/v1/submissions', 'Thiếu tham số “period”'],
    ['/api/v1/submissions?period=', 'Tham số “period” không hợp lệ'],
    ['/api/v1/submissions?period=6-thang', 'Tham số “period” không hợp lệ'],
    ['/api/v1/submissions?period=99999999999', 'Tham số “period” không hợp lệ'],
    ['/api/v1/broadcasts/abc', 'Tham số “id” không hợp lệ'],
    ['/api/v1/broadcasts/0', 'Tham số “id” không hợp lệ'],
  ])('answers 400 naming the parameter for %s', async (url, message) => {
    const { app } = await appWith(TOKEN);
    const response = await get(app, url, auth);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toContain(message);
  });

  it('answers 404 for an unknown period or broadcast', async () => {
    const { app } = await appWith(TOKEN);
    const period = await get(app, '/api/v1/submissions?period=2', auth);
    expect(period.statusCode).toBe(404);
    expect(period.json()).toEqual({ error: 'Không có kỳ báo cáo mã số 2.' });
    const broadcast = await get(app, '/api/v1/broadcasts/4', auth);
    expect(broadcast.statusCode).toBe(404);
    expect(broadcast.json()).toEqual({ error: 'Không có đợt gửi tin mã số 4.' });
  });

  it('adds the total to the broadcast counts', async () => {
    const { app } = await appWith(TOKEN);
    const body = (await get(app, '/api/v1/broadcasts/3', auth)).json();
    expect(body.counts).toEqual({ queued: 1, sent: 2, failed: 1, cancelled: 0, total: 4 });
    expect(body.failures).toEqual({ blocked: 1, unreachable: 0 });
    expect(body.startedAt).toBe('2022-07-01T02:00:00.000Z');
    expect(body.finishedAt).toBeNull();
  });

  it('answers a failing repository with a Vietnamese 500 and no details', async () => {
    const fake = fakeRepository();
    const app = Fastify({ loggerInstance: silentLogger });
    await app.register(readApiRoutes, {
      token: TOKEN,
      repository: { ...fake.repository, findMembers: () => Promise.reject(new Error('connection refused at 10.0.0.5')) },
    });
    const response = await get(app, '/api/v1/members', auth);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Lỗi máy chủ, xin thử lại sau.' });
  });
});
