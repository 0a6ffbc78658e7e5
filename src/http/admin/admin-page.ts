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

/** An admin page: the site's frame with the dashboard's menu and tables styled. */
export function page(title: string, body: SafeHtml): SafeHtml {
  return layout(
    title,
    html`<nav class="admin-nav">${navigation.map(([href, label]) => html`<a href="${href}">${label}</a>`)}</nav>${body}`,
    html`<style>table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d9e0e7;padding:6px;text-align:left;font-size:14px;vertical-align:top}.error{color:#8a1c12}.ok{color:#1d6b2f}
.admin-nav{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 12px;font-size:15px}.admin-nav a{color:#0b5cab}
.bar{background:#e3e8ee;border-radius:4px;height:14px;overflow:hidden}.bar>span{display:block;height:100%;background:#2e7d32}
input,select,textarea,button{font:inherit}td.num,th.num{text-align:right}</style>`,
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

/** A database id from a path parameter, or null when it is not one. */
export function parseId(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}
