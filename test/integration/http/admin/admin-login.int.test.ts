import type { App } from '../../../../src/http/app';
import { addAdmin, type AdminTestApp, createAdminTestApp } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';

jest.setTimeout(60_000);

describe('office login at /admin', () => {
  let h: Harness;
  let t: AdminTestApp;
  /** The login is what is tested here, so requests are made by hand rather than by `t.login`. */
  let app: App;

  beforeAll(async () => {
    h = await createHarness('pglite');
    await addAdmin(h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    await h.addMember({ name: 'Công ty <b>Chờ</b> Duyệt', taxCode: '0100109106', status: 'pending' });
    t = await createAdminTestApp(h);
    app = t.app;
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  async function loginForm() {
    const page = await app.inject({ method: 'GET', url: '/admin/login' });
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return { cookie, csrf, page };
  }

  async function login(username: string, password: string, ip = '10.0.0.1') {
    const { cookie, csrf } = await loginForm();
    return app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
    });
  }

  it('shows a Vietnamese login form with a CSRF token in an http-only, same-site cookie', async () => {
    const { page, cookie, csrf } = await loginForm();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đăng nhập quản trị');
    expect(csrf.length).toBeGreaterThan(16);
    expect(cookie).toBe(`hh_login=${csrf}`);
    expect(String(page.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
  });

  it('sends to the login page without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/admin' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login');
  });

  it('refuses a wrong password with a clear message', async () => {
    const response = await login('vanphong', 'sai-mat-khau', '10.0.0.2');
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('refuses a login form without its CSRF cookie', async () => {
    const { csrf } = await loginForm();
    const response = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'vanphong', password: 'dung-mat-khau-2022', _csrf: csrf }).toString(),
    });
    expect(response.statusCode).toBe(403);
  });

  it('limits login attempts: the sixth try in 15 minutes is refused even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('vanphong', `sai-${i}`, '10.0.0.3')).statusCode).toBe(401);
    const sixth = await login('vanphong', 'dung-mat-khau-2022', '10.0.0.3');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('Đăng nhập sai quá nhiều lần');
    h.clock.advance(15 * 60_000 + 1);
    expect((await login('vanphong', 'dung-mat-khau-2022', '10.0.0.3')).statusCode).toBe(303);
  });

  it('shows progress by area with a chart and downloads the compiled report as XLSX', async () => {
    const member = await h.addMember({ name: 'Công ty Đã Nộp', taxCode: '0100107518' });
    const period = await h.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
    await h.prisma.submission.create({
      data: { memberId: member, periodId: period.id, currentRevision: 1, firstSubmittedAt: h.clock.now(), lastSubmittedAt: h.clock.now(), onTime: true },
    });
    const response = await login('vanphong', 'dung-mat-khau-2022', '10.0.0.5');
    const cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
    const progress = await app.inject({ method: 'GET', url: `/admin/progress?period=${period.id}`, headers: { cookie } });
    expect(progress.statusCode).toBe(200);
    expect(progress.body).toContain('<svg role="img" aria-label="Tiến độ nộp báo cáo theo khu vực"');
    expect(progress.body).toContain('<strong>1/1</strong> đã nộp — 1 đúng hạn, 0 trễ hạn, 0 chưa nộp.');
    const file = await app.inject({ method: 'GET', url: `/admin/periods/${period.id}/export.xlsx`, headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="bao-cao-2022-6-thang.xlsx"');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await app.inject({ method: 'GET', url: '/admin/periods/999/export.xlsx', headers: { cookie } })).statusCode).toBe(404);
  });

  it('logs in, shows the overview with members escaped, and logs out with the form token', async () => {
    const response = await login('vanphong', 'dung-mat-khau-2022', '10.0.0.4');
    expect(response.statusCode).toBe(303);
    const cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
    expect(cookie).toMatch(/^hh_admin=[\w-]{40,}$/);
    const home = await app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Xin chào Chị Lan.');
    expect(home.body).toContain('Chờ duyệt: <strong>1</strong>');
    expect(home.body).toContain('Công ty &lt;b&gt;Chờ&lt;/b&gt; Duyệt');
    expect(await h.prisma.auditLog.count({ where: { action: 'admin.login' } })).toBeGreaterThanOrEqual(1);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';

    const forged = await app.inject({
      method: 'POST',
      url: '/admin/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=forged-token-0000000000',
    });
    expect(forged.statusCode).toBe(403);
    const out = await app.inject({
      method: 'POST',
      url: '/admin/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(out.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/admin', headers: { cookie } })).statusCode).toBe(303);
  });
});
