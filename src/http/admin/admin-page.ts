import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';

/** The signed-in office account and its session, as `adminRoutes` puts it on the request. */
export type AdminSession = NonNullable<FastifyRequest['adminSession']>;

const navigation: ReadonlyArray<readonly [href: string, label: string]> = [
  ['/admin', 'Tổng quan'],
  ['/admin/members', 'Hội viên'],
  ['/admin/progress', 'Tiến độ'],
  ['/admin/broadcasts', 'Thông báo'],
  ['/admin/campaigns', 'Kế hoạch'],
  ['/admin/calls', 'Cần gọi điện'],
  ['/admin/audit', 'Nhật ký'],
];

/**
 * An admin page: the site's frame with the dashboard's menu and tables styled. On a phone the menu
 * wraps, wide tables (in a `.table-scroll` box) scroll sideways inside their box rather than
 * widening the page, and form fields never grow past the screen. The login page has no menu.
 */
export function page(title: string, body: SafeHtml, options: { menu?: boolean } = {}): SafeHtml {
  const menu = options.menu === false ? html`` : html`<nav class="admin-nav">${navigation.map(([href, label]) => html`<a href="${href}">${label}</a>`)}</nav>`;
  return layout(
    title,
    html`${menu}${body}`,
    html`<style>table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d9e0e7;padding:6px;text-align:left;font-size:14px;vertical-align:top}.error{color:#8a1c12}.ok{color:#1d6b2f}
.admin-nav{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 12px;font-size:15px}.admin-nav a{color:#0b5cab;padding:4px 0}
.bar{background:#e3e8ee;border-radius:4px;height:14px;overflow:hidden}.bar>span{display:block;height:100%;background:#2e7d32}
input,select,textarea,button{font:inherit}select,input,textarea{max-width:100%}td.num,th.num{text-align:right}a[href^="tel:"]{white-space:nowrap}
.table-scroll{overflow-x:auto}form[method=get] label{display:inline-block;max-width:100%;margin:0 8px 4px 0}
@media (max-width:640px){main{padding:10px}section{padding:12px}.table-scroll>table{min-width:36rem}}</style>`,
  );
}

/** Sends an admin page; admin pages are never cached (they carry CSRF tokens and members' data). */
export function sendPage(reply: FastifyReply, status: number, title: string, body: SafeHtml) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(String(page(title, body)));
}

export function isOfficeAdmin(session: AdminSession): boolean {
  return session.adminUser.role === 'office_admin';
}

/** The 403 an area viewer gets on anything that changes data or covers the whole association. */
export function forbiddenPage(reply: FastifyReply, what = 'thay đổi dữ liệu') {
  return sendPage(
    reply,
    403,
    'Không được phép',
    html`<section><p>Tài khoản xem theo khu vực chỉ được xem, không được ${what}. Xin báo Văn phòng Hiệp hội.</p><p><a href="/admin">← Trang quản trị</a></p></section>`,
  );
}

export function notFoundPage(reply: FastifyReply, message: string, back: { href: string; label: string } = { href: '/admin', label: 'Trang quản trị' }) {
  return sendPage(reply, 404, 'Không tìm thấy', html`<section><p>${message}</p><p><a href="${back.href}">← ${back.label}</a></p></section>`);
}

/** The area an area viewer is limited to; an area viewer without an area sees nothing (no area has id 0). */
export function visibleAreaId(session: AdminSession): number | undefined {
  return session.adminUser.role === 'area_viewer' ? (session.adminUser.areaId ?? 0) : undefined;
}

/** The hidden field every form posts back; `adminRoutes` checks it before any POST handler runs. */
export function csrfField(session: AdminSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
}

/** An `<option>` of a list filter, selected when it is the value chosen. */
export function selectOption(value: string, label: string, chosen: string | undefined): SafeHtml {
  return value === chosen ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

/**
 * The links under a paged list, joined by ` · `: to the page before (from past the end, to the
 * last page) and to the page after. `linkTo` gives a page's address.
 */
export function pageLinks(
  page: number,
  pages: number,
  linkTo: (page: number) => string,
  labels: { readonly previous: string; readonly next: string } = { previous: '← Trang trước', next: 'Trang sau →' },
): SafeHtml {
  const links: SafeHtml[] = [];
  if (page > 1) links.push(html`<a href="${linkTo(Math.min(page - 1, pages))}">${labels.previous}</a>`);
  if (page < pages) links.push(html`<a href="${linkTo(page + 1)}">${labels.next}</a>`);
  return html`${links.map((l, i) => (i > 0 ? html` · ${l}` : l))}`;
}

/** A database id from a path parameter, or null when it is not one. */
export function parseId(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}
