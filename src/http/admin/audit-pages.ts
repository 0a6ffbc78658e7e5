import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { channelName } from '../../core/channel-names';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import type { AuditRepository } from '../../db/prisma-audit-repository';
import { html, type SafeHtml } from '../html';
import { forbiddenPage, isOfficeAdmin, pageLinks, selectOption, sendPage } from './admin-page';

export interface AuditPagesDeps {
  readonly repository: AuditRepository;
  readonly timeZone: string;
}

const PAGE_SIZE = 50;
const DETAIL_LIMIT = 300;

/**
 * What each action written to the audit log means, in Vietnamese; an action not listed is shown by
 * its code. A unit test checks that every action the code writes is listed.
 */
export const auditActionNames: Readonly<Record<string, string>> = {
  'admin.login': 'Đăng nhập trang quản trị',
  'admin.created': 'Tạo tài khoản quản trị',
  'report.submitted': 'Nộp báo cáo',
  'report.exported': 'Tải báo cáo tổng hợp',
  'call_list.exported': 'Tải danh sách cần gọi điện',
  'registration.phone_mismatch': 'Nhập sai số điện thoại khi liên kết',
  'contact.linked': 'Liên kết người liên hệ với hội viên',
  'contact.role_granted': 'Cấp quyền cán bộ cho người liên hệ',
  'contact.blocked': 'Người liên hệ chặn hoặc bỏ theo dõi',
  'member.self_registered': 'Tự đăng ký hội viên',
  'member.registration_approved': 'Duyệt đăng ký hội viên',
  'member.registration_rejected': 'Từ chối đăng ký hội viên',
  'roster.import': 'Nhập danh sách hội viên',
  'broadcast.created': 'Tạo thông báo',
  'broadcast.composed': 'Soạn thông báo qua trò chuyện',
  'broadcast.scheduled': 'Hẹn giờ gửi thông báo',
  'broadcast.test_sent': 'Gửi thử thông báo',
  'broadcast.cancelled': 'Dừng thông báo',
  'campaign.created': 'Tạo kế hoạch thi đua',
  'campaign.updated': 'Sửa kế hoạch thi đua',
  'campaign.published': 'Công bố kế hoạch thi đua',
  'plan_import.created': 'Nhập văn bản kế hoạch',
  'role_invite.created': 'Tạo mã mời cán bộ',
};
const actorTypeNames: Readonly<Record<string, string>> = { admin: 'Quản trị viên', contact: 'Người liên hệ', cli: 'Dòng lệnh', platform: 'Nền tảng' };
const detailNames: Readonly<Record<string, string>> = {
  format: 'định dạng',
  periodId: 'kỳ báo cáo',
  revision: 'lần nộp',
  referenceCode: 'mã tiếp nhận',
  onTime: 'đúng hạn',
  reason: 'lý do',
  role: 'vai trò',
  source: 'nguồn',
  rows: 'số dòng',
  created: 'thêm mới',
  updated: 'cập nhật',
  unchanged: 'không đổi',
  failed: 'lỗi',
  failedLines: 'dòng lỗi',
  days: 'số ngày',
  members: 'số hội viên',
  area: 'khu vực',
  title: 'tiêu đề',
  audience: 'người nhận',
  scheduledAt: 'hẹn gửi lúc',
  contactId: 'người liên hệ',
  channel: 'kênh',
  year: 'năm',
  phases: 'số đợt',
  reportPeriods: 'số kỳ báo cáo',
  changes: 'thay đổi',
  publishedAt: 'công bố lúc',
  fromCampaignId: 'từ kế hoạch số',
  fromYear: 'từ kế hoạch năm',
  fromPlanImportId: 'từ văn bản số',
  fileName: 'tên tệp',
  characters: 'số ký tự',
};

// A filter value that does not parse is ignored rather than refused: links get copied and edited.
const auditQuery = z.object({
  action: z.string().regex(/^[a-z0-9_.-]{1,64}$/).optional().catch(undefined),
  actor: z.string().regex(/^(admin|contact|cli|platform)(:[^\s:]{1,100})?$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** The audit log at /admin/audit: who did what and when, latest first; office admins only. */
export const auditPages: FastifyPluginAsync<AuditPagesDeps> = async (app, deps) => {
  app.get('/admin/audit', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'xem nhật ký của toàn Hiệp hội');
    const query = auditQuery.parse(request.query ?? {});
    const [actorType, ...rest] = query.actor?.split(':') ?? [];
    const actorId = rest.length ? rest.join(':') : undefined;
    const pageNumber = query.page ?? 1;
    const [{ total, entries, admins, contacts }, actions, accounts] = await Promise.all([
      deps.repository.list({ action: query.action, actorType, actorId, skip: (pageNumber - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      deps.repository.actions(),
      deps.repository.admins(),
    ]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const linkTo = (changes: { action?: string | null; actor?: string | null; page?: number }) => {
      const params = new URLSearchParams();
      const action = changes.action === undefined ? query.action : changes.action;
      const actor = changes.actor === undefined ? query.actor : changes.actor;
      if (action) params.set('action', action);
      if (actor) params.set('actor', actor);
      if (changes.page && changes.page > 1) params.set('page', String(changes.page));
      const search = params.toString();
      return `/admin/audit${search ? `?${search}` : ''}`;
    };

    const actorHtml = (type: string, id: string | null): SafeHtml => {
      const numeric = id !== null && /^\d{1,9}$/.test(id) ? Number(id) : null;
      let label: SafeHtml;
      if (type === 'admin') {
        const admin = numeric === null ? undefined : admins.get(numeric);
        label = admin ? html`${admin.displayName} (${admin.username})` : html`Quản trị viên số ${id ?? '?'}`;
      } else if (type === 'contact') {
        const contact = numeric === null ? undefined : contacts.get(numeric);
        label = contact
          ? html`${contact.displayName ?? `Người liên hệ số ${contact.id}`} — ${channelName(contact.channel)}${
              contact.member ? html`, <a href="/admin/members/${contact.member.id}">${contact.member.name}</a>` : ''
            }`
          : html`Người liên hệ số ${id ?? '?'}`;
      } else if (type === 'cli') {
        label = html`Dòng lệnh${id ? html` (${id})` : ''}`;
      } else if (type === 'platform') {
        label = html`Nền tảng ${id ? channelName(id) : ''}`;
      } else {
        label = html`${type} ${id ?? ''}`;
      }
      const filter = id === null ? type : `${type}:${id}`;
      return query.actor === filter ? label : html`${label} <a class="muted" href="${linkTo({ actor: filter, page: 1 })}" title="Chỉ xem việc của người này">[lọc]</a>`;
    };

    const rows = entries.map(
      (e) => html`<tr><td>${formatVnDateTime(e.at, deps.timeZone)}</td><td>${actorHtml(e.actorType, e.actorId)}</td><td>${
        query.action === e.action ? actionLabel(e.action) : html`<a href="${linkTo({ action: e.action, page: 1 })}">${actionLabel(e.action)}</a>`
      }</td><td>${entityHtml(e.entityType, e.entityId)}</td><td>${detailsHtml(e.details)}</td></tr>`,
    );

    const actorOptions: Array<readonly [value: string, label: string]> = [
      ...Object.entries(actorTypeNames).map(([value, label]) => [value, `${label} (tất cả)`] as const),
      ...accounts.map((a) => [`admin:${a.id}`, `Quản trị viên: ${a.displayName} (${a.username})`] as const),
    ];
    // A filter reached through a link (one contact, one CLI user) stays shown in the form.
    if (query.actor && !actorOptions.some(([value]) => value === query.actor)) actorOptions.push([query.actor, `${actorTypeNames[actorType ?? ''] ?? actorType}: ${actorId ?? ''}`]);
    const actionOptions = [...new Set([...actions, ...(query.action ? [query.action] : [])])];

    return sendPage(
      reply,
      200,
      'Nhật ký',
      html`<section><p><a href="/admin">← Trang quản trị</a></p>
<form method="get" action="/admin/audit"><p>
<label>Việc <select name="action"><option value="">Tất cả</option>${actionOptions.map((a) => selectOption(a, auditActionNames[a] ?? a, query.action))}</select></label>
<label>Người làm <select name="actor"><option value="">Tất cả</option>${actorOptions.map(([value, label]) => selectOption(value, label, query.actor))}</select></label>
<button>Lọc</button> <a href="/admin/audit">Bỏ lọc</a></p></form></section>
<section><p>${total} mục · Trang ${pageNumber}/${pages}</p>${
        rows.length
          ? html`<div class="table-scroll"><table><tr><th>Lúc</th><th>Người làm</th><th>Việc</th><th>Đối tượng</th><th>Chi tiết</th></tr>${rows}</table></div>`
          : html`<p>Không có mục nào khớp.</p>`
      }
<p>${pageLinks(pageNumber, pages, (page) => linkTo({ page }), { previous: '← Mới hơn', next: 'Cũ hơn →' })}</p></section>`,
    );
  });
};

function actionLabel(action: string): SafeHtml {
  const name = auditActionNames[action];
  return name ? html`${name} <span class="muted">(${action})</span>` : html`${action}`;
}

function entityHtml(type: string | null, id: string | null): SafeHtml {
  if (!type) return html``;
  const numeric = id !== null && /^\d{1,9}$/.test(id);
  switch (type) {
    case 'member':
      return id === null ? html`Hội viên` : numeric ? html`<a href="/admin/members/${id}">Hội viên số ${id}</a>` : html`Hội viên ${id}`;
    case 'report_period':
      return numeric ? html`<a href="/admin/progress?period=${id}">Kỳ báo cáo số ${id}</a>` : html`Kỳ báo cáo ${id ?? ''}`;
    case 'broadcast':
      return numeric ? html`<a href="/admin/broadcasts/${id}">Thông báo số ${id}</a>` : html`Thông báo số ${id ?? ''}`;
    case 'contact':
      return html`Người liên hệ ${id ?? ''}`;
    case 'admin_user':
      return html`Tài khoản quản trị số ${id ?? ''}`;
    case 'role_invite':
      return html`Mã mời số ${id ?? ''}`;
    case 'campaign':
      return numeric ? html`<a href="/admin/campaigns/${id}">Kế hoạch số ${id}</a>` : html`Kế hoạch ${id ?? ''}`;
    case 'plan_import':
      return numeric ? html`<a href="/admin/campaigns/import/${id}">Văn bản kế hoạch số ${id}</a>` : html`Văn bản kế hoạch ${id ?? ''}`;
    default:
      return html`${type} ${id ?? ''}`;
  }
}

function detailsHtml(details: unknown): SafeHtml {
  if (details === null || details === undefined) return html``;
  if (typeof details !== 'object' || Array.isArray(details)) return html`${clip(JSON.stringify(details))}`;
  const parts = Object.entries(details).map(([key, value]) => html`<span class="muted">${detailNames[key] ?? key}:</span> ${detailValue(value)}`);
  return html`${parts.map((p, i) => html`${i > 0 ? html`<br>` : ''}${p}`)}`;
}

function detailValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number') return String(value);
  return clip(JSON.stringify(value) ?? '');
}

function clip(text: string): string {
  return text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT)}…` : text;
}
