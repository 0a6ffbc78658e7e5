import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../../core/auth/password-hash';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { memberStatusNames } from '../../core/members/member-names';
import type { AdminRepository } from '../../db/prisma-admin-repository';
import multipart from '@fastify/multipart';
import { html } from '../html';
import { formatVnPhone } from '../../core/phone/format-vn-phone';
import { forbiddenPage, notFoundPage, page, sendPage } from './admin-page';
import { statusNames as broadcastStatusNames } from './broadcast-views';
import { createLoginLimiter } from './login-limiter';
import { progressChart } from './progress-chart';

export interface AdminDeps {
  readonly repository: AdminRepository;
  /** The compiled report of a period as an XLSX file. */
  exportPeriod(periodId: number): Promise<Buffer>;
  now(): Date;
  readonly timeZone: string;
  /** Mark cookies Secure (served over https). */
  readonly secureCookies: boolean;
  /** More pages, registered behind the login and the CSRF check (`request.adminSession` is set). */
  readonly pages?: readonly FastifyPluginAsync[];
}

const SESSION_COOKIE = 'hh_admin';
const LOGIN_CSRF_COOKIE = 'hh_login';
const SESSION_HOURS = 12;

const loginForm = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200), _csrf: z.string().min(16) });

/**
 * The office's pages under /admin: a login with a password (scrypt), sessions in an http-only
 * cookie, a CSRF token on every form, a limit on login attempts. Every other page needs a session.
 */
export const adminRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  const limiter = createLoginLimiter({ attempts: 5, windowMs: 15 * 60_000, now: () => deps.now().getTime() });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, formFields(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });

  // Uploads (a roster, a plan document) come as multipart forms; the fields, `_csrf` among them,
  // are put on the body so the CSRF check below reads them like any other form.
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 300 } });

  app.get('/admin/login', async (_request, reply) => loginPage(reply, deps, null, 200));

  app.post('/admin/login', async (request, reply) => {
    const form = loginForm.safeParse(request.body);
    const cookieToken = readCookie(request, LOGIN_CSRF_COOKIE);
    if (!form.success || !cookieToken || !sameToken(form.data._csrf, cookieToken)) {
      return loginPage(reply, deps, 'Phiên đăng nhập đã hết hạn, xin nhập lại.', 403);
    }
    const key = `${request.ip}:${form.data.username.toLowerCase()}`;
    if (!limiter.allowed(key)) {
      return loginPage(reply, deps, 'Đăng nhập sai quá nhiều lần. Xin thử lại sau 15 phút.', 429);
    }
    const user = await deps.repository.findUserByUsername(form.data.username);
    const ok = user?.active ? await verifyPassword(form.data.password, user.passwordHash) : false;
    if (!user || !ok) {
      limiter.fail(key);
      return loginPage(reply, deps, 'Tên đăng nhập hoặc mật khẩu không đúng.', 401);
    }
    limiter.reset(key);
    const token = randomBytes(32).toString('base64url');
    const now = deps.now();
    await deps.repository.createSession({
      tokenHash: hashToken(token),
      adminUserId: user.id,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
      now,
    });
    await deps.repository.audit({ actorId: String(user.id), action: 'admin.login' });
    setCookie(reply, deps, SESSION_COOKIE, token, SESSION_HOURS * 3600, 'Strict');
    return reply.redirect('/admin', 303);
  });

  app.register(async (secured) => {
    secured.addHook('preHandler', async (request, reply) => {
      const token = readCookie(request, SESSION_COOKIE);
      const session = token ? await deps.repository.findSession(hashToken(token), deps.now()) : null;
      if (!session) return reply.redirect('/admin/login', 303);
      request.adminSession = session;
      // Every change goes through a form carrying the session's CSRF token.
      if (request.method === 'POST') {
        const token = formField(request.body, '_csrf');
        if (token === undefined || !sameToken(token, session.csrfToken)) {
          return sendPage(reply, 403, 'Không hợp lệ', html`<section><p>Yêu cầu không hợp lệ (mã bảo vệ biểu mẫu sai). Xin tải lại trang.</p></section>`);
        }
      }
      return undefined;
    });

    secured.get('/admin', async (request, reply) => {
      const session = request.adminSession;
      if (!session) return reply.redirect('/admin/login', 303);
      const overview = await deps.repository.overview();
      const counts = Object.entries(memberStatusNames).map(
        ([status, name]) => html`<li>${name}: <strong>${overview.members[status] ?? 0}</strong></li>`,
      );
      const pending = overview.pending.map(
        (m) => html`<tr><td><a href="/admin/members/${m.id}">${m.name}</a></td><td>${m.taxCode ?? ''}</td><td>${m.area?.name ?? ''}</td><td>${m.contactPerson ?? ''} ${m.phone ? formatVnPhone(m.phone) : ''}</td><td>${formatVnDateTime(m.createdAt, deps.timeZone)}</td></tr>`,
      );
      const broadcasts = overview.broadcasts.map(
        (b) => html`<tr><td>${b.id}</td><td><a href="/admin/broadcasts/${b.id}">${b.title}</a></td><td>${broadcastStatusNames[b.status]}</td><td>${b.scheduledAt ? formatVnDateTime(b.scheduledAt, deps.timeZone) : ''}</td></tr>`,
      );
      return reply.type('text/html; charset=utf-8').send(
        String(
          page(
            'Trang quản trị',
            html`<section><p>Xin chào ${session.adminUser.displayName}.</p>
<form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${session.csrfToken}"><button>Đăng xuất</button></form></section>
<section><h2>Hội viên</h2><ul>${counts}</ul><p><a href="/admin/members">Danh sách hội viên, duyệt đăng ký →</a></p><p><a href="/admin/progress">Tiến độ báo cáo theo khu vực →</a></p></section>
<section><h2>Đăng ký chờ duyệt</h2>${
              pending.length
                ? html`<div class="table-scroll"><table><tr><th>Tên</th><th>MST</th><th>Khu vực</th><th>Liên hệ</th><th>Đăng ký lúc</th></tr>${pending}</table></div>`
                : html`<p>Không có đăng ký nào đang chờ.</p>`
            }</section>
<section><h2>Thông báo gần đây</h2>${
              broadcasts.length
                ? html`<table><tr><th>Số</th><th>Tiêu đề</th><th>Trạng thái</th><th>Gửi lúc</th></tr>${broadcasts}</table>`
                : html`<p>Chưa có thông báo nào.</p>`
            }</section>`,
          ),
        ),
      );
    });

    secured.get<{ Querystring: { period?: string } }>('/admin/progress', async (request, reply) => {
      const session = request.adminSession;
      if (!session) return reply.redirect('/admin/login', 303);
      const periods = await deps.repository.periods();
      const chosen = periods.find((p) => String(p.id) === request.query.period) ?? periods.find((p) => p.deadlineAt > deps.now()) ?? periods[0];
      if (!chosen) return reply.type('text/html; charset=utf-8').send(String(page('Tiến độ báo cáo', html`<section><p>Chưa có kỳ báo cáo nào.</p></section>`)));
      // An area viewer sees only their area.
      const areaId = session.adminUser.role === 'area_viewer' ? session.adminUser.areaId : null;
      const rows = await deps.repository.progress(chosen.id, areaId);
      const total = rows.reduce((sum, r) => sum + r.members, 0);
      const onTime = rows.reduce((sum, r) => sum + r.onTime, 0);
      const late = rows.reduce((sum, r) => sum + r.late, 0);
      const links = periods.map((p) =>
        p.id === chosen.id ? html`<strong>${p.name}</strong>` : html`<a href="/admin/progress?period=${p.id}">${p.name}</a>`,
      );
      // Each area's figures open the list of its members with that status.
      const listOf = (areaId: number | null, status?: string) =>
        `/admin/periods/${chosen.id}/submissions?area=${areaId ?? 'none'}${status ? `&status=${status}` : ''}`;
      const table = rows.map(
        (r) => html`<tr><td><a href="${listOf(r.areaId)}">${r.areaName}</a></td><td>${r.members}</td><td><a href="${listOf(r.areaId, 'on_time')}">${r.onTime}</a></td><td><a href="${listOf(r.areaId, 'late')}">${r.late}</a></td><td><a href="${listOf(r.areaId, 'missing')}">${r.notYet.length}</a></td><td>${r.notYet.slice(0, 30).join('; ')}${r.notYet.length > 30 ? ' …' : ''}</td></tr>`,
      );
      return reply.type('text/html; charset=utf-8').send(
        String(
          page(
            'Tiến độ báo cáo',
            html`<section><p><a href="/admin">← Trang quản trị</a></p><p>${links.map((l, i) => (i > 0 ? html` · ${l}` : l))}</p>
<p><a href="/admin/periods/${chosen.id}/submissions">Danh sách hội viên và tình trạng nộp</a>${
              session.adminUser.role === 'office_admin'
                ? html` · <a href="/admin/periods/${chosen.id}/export.xlsx">Tải báo cáo tổng hợp (Excel)</a> · <a href="/admin/periods/${chosen.id}/export.csv">Tải CSV</a>`
                : ''
            }</p>
<p>${chosen.name} (${chosen.deadlineText}): <strong>${onTime + late}/${total}</strong> đã nộp — ${onTime} đúng hạn, ${late} trễ hạn, ${total - onTime - late} chưa nộp.</p>
${progressChart(rows)}</section>
<section><div class="table-scroll"><table><tr><th>Khu vực</th><th>Hội viên</th><th>Đúng hạn</th><th>Trễ hạn</th><th>Chưa nộp</th><th>Chưa nộp (tên)</th></tr>${table}</table></div></section>`,
          ),
        ),
      );
    });

    secured.get<{ Params: { id: string } }>('/admin/periods/:id/export.xlsx', async (request, reply) => {
      const session = request.adminSession;
      if (!session) return reply.redirect('/admin/login', 303);
      if (session.adminUser.role !== 'office_admin') {
        return forbiddenPage(reply, 'tải báo cáo tổng hợp của toàn Hiệp hội');
      }
      const period = /^\d{1,9}$/.test(request.params.id) ? await deps.repository.findPeriod(Number(request.params.id)) : null;
      if (!period) return notFoundPage(reply, 'Không có kỳ báo cáo này.', { href: '/admin/progress', label: 'Tiến độ báo cáo' });
      const file = await deps.exportPeriod(period.id);
      await deps.repository.audit({
        actorId: String(session.adminUser.id),
        action: 'report.exported',
        entityType: 'report_period',
        entityId: String(period.id),
        details: { format: 'xlsx' },
      });
      const name = `bao-cao-${period.campaign.year}-${period.code}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(file);
    });

    for (const pages of deps.pages ?? []) await secured.register(pages);

    secured.post('/admin/logout', async (request, reply) => {
      const token = readCookie(request, SESSION_COOKIE);
      if (token) await deps.repository.deleteSession(hashToken(token));
      setCookie(reply, deps, SESSION_COOKIE, '', 0, 'Strict');
      return reply.redirect('/admin/login', 303);
    });
  });
};

declare module 'fastify' {
  interface FastifyRequest {
    adminSession?: NonNullable<Awaited<ReturnType<AdminRepository['findSession']>>>;
  }
}

function loginPage(reply: FastifyReply, deps: AdminDeps, error: string | null, status: number) {
  // Login CSRF: the form carries a token that must match a cookie only this site could set.
  const token = randomBytes(24).toString('base64url');
  setCookie(reply, deps, LOGIN_CSRF_COOKIE, token, 3600, 'Strict');
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      String(
        page(
          'Đăng nhập quản trị',
          html`<section>${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/admin/login">
  <input type="hidden" name="_csrf" value="${token}">
  <p><label>Tên đăng nhập<br><input name="username" autocomplete="username" required></label></p>
  <p><label>Mật khẩu<br><input name="password" type="password" autocomplete="current-password" required></label></p>
  <p><button>Đăng nhập</button></p>
</form></section>`,
          { menu: false },
        ),
      ),
    );
}

/**
 * A text field of a form, urlencoded (a string) or multipart (`{ value }` with attachFieldsToBody).
 * Exported for pages that take uploads.
 */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const field: unknown = (body as Record<string, unknown>)[name];
  if (typeof field === 'string') return field;
  if (typeof field === 'object' && field !== null && 'value' in field && typeof field.value === 'string' && !('file' in field)) return field.value;
  return undefined;
}

/**
 * A urlencoded form as a plain object: a field sent once is a string, a field sent several times
 * (checkboxes of one name) an array of its values in order. `_csrf` is always one string, the
 * first, so the check above never sees an array.
 */
function formFields(params: URLSearchParams): Record<string, string | string[]> {
  // Object.fromEntries defines own properties, so a field named `__proto__` stays a plain field.
  return Object.fromEntries(
    [...new Set(params.keys())].map((key) => {
      const values = params.getAll(key);
      return [key, values.length === 1 || key === '_csrf' ? (values[0] ?? '') : values];
    }),
  );
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameToken(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

function setCookie(reply: FastifyReply, deps: AdminDeps, name: string, value: string, maxAge: number, sameSite: 'Strict' | 'Lax') {
  const secure = deps.secureCookies ? '; Secure' : '';
  reply.header('set-cookie', `${name}=${value}; Path=/admin; HttpOnly; SameSite=${sameSite}; Max-Age=${maxAge}${secure}`);
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}
