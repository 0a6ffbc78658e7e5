import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import type { MemberAdminRepository } from '../../db/prisma-member-admin-repository';
import { html, type SafeHtml } from '../html';
import { type AdminSession, forbiddenPage, sendPage, visibleAreaId } from './admin-page';

export interface MemberPagesDeps {
  readonly repository: MemberAdminRepository;
  now(): Date;
  readonly timeZone: string;
}

const PAGE_SIZE = 50;

const memberTypeNames = {
  enterprise: 'Doanh nghiệp hội viên',
  district_association: 'Hội doanh nghiệp huyện, thành phố',
  collective: 'Hội viên tập thể',
} as const;
const memberStatusNames = {
  pending: 'Chờ duyệt',
  active: 'Đang hoạt động',
  suspended: 'Tạm ngừng',
  rejected: 'Không chấp thuận',
} as const;
const memberSourceNames: Readonly<Record<string, string>> = { roster: 'Danh sách hội viên', self_registered: 'Tự đăng ký qua kênh trò chuyện', admin: 'Văn phòng thêm' };
const channelNames: Readonly<Record<string, string>> = { telegram: 'Telegram', zalo_oa: 'Zalo OA', zalo_bot: 'Zalo Bot', webchat: 'Trò chuyện trên web' };
const contactRoleNames: Readonly<Record<string, string>> = { member: 'Hội viên', unit_head: 'Phụ trách khu vực', office: 'Văn phòng' };
const contactStatusNames: Readonly<Record<string, string>> = { active: 'Đang nhận tin', blocked: 'Đã chặn hoặc bỏ theo dõi' };

const memberTypes = ['enterprise', 'district_association', 'collective'] as const;
const memberStatuses = ['pending', 'active', 'suspended', 'rejected'] as const;

// A filter value that does not parse is ignored rather than refused: links get copied and edited.
const listQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  area: z.string().regex(/^[a-z0-9-]{1,50}$/).optional().catch(undefined),
  type: z.enum(memberTypes).optional().catch(undefined),
  status: z.enum(memberStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
const rejectForm = z.object({ reason: z.string().optional() });

type Session = AdminSession;
type MemberDetail = NonNullable<Awaited<ReturnType<MemberAdminRepository['findById']>>>;

/**
 * The office's member pages under /admin/members: a searchable list, one member with its contacts,
 * and approving or rejecting a self-registration. An area viewer sees only their area and changes
 * nothing. Registered behind the login and CSRF check of `adminRoutes` (via `deps.pages`).
 */
export const memberPages: FastifyPluginAsync<MemberPagesDeps> = async (app, deps) => {
  app.get('/admin/members', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const query = listQuery.parse(request.query ?? {});
    const onlyAreaId = visibleAreaId(session);
    const pageNumber = query.page ?? 1;
    const [{ total, members }, areas] = await Promise.all([
      deps.repository.list({
        search: query.q,
        areaCode: onlyAreaId === undefined ? query.area : undefined,
        onlyAreaId,
        type: query.type,
        status: query.status,
        skip: (pageNumber - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
      }),
      onlyAreaId === undefined ? deps.repository.areas() : Promise.resolve([]),
    ]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const linkTo = (n: number) => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (onlyAreaId === undefined && query.area) params.set('area', query.area);
      if (query.type) params.set('type', query.type);
      if (query.status) params.set('status', query.status);
      if (n > 1) params.set('page', String(n));
      const search = params.toString();
      return `/admin/members${search ? `?${search}` : ''}`;
    };
    const option = (value: string, label: string, chosen: string | undefined) =>
      value === chosen ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
    const areaFilter =
      onlyAreaId === undefined
        ? html`<label>Khu vực <select name="area"><option value="">Tất cả</option>${areas.map((a) => option(a.code, a.name, query.area))}</select></label> `
        : html`<span>Khu vực: ${session.adminUser.area?.name ?? 'chưa gán'}</span> `;
    const rows = members.map(
      (m) => html`<tr><td><a href="/admin/members/${m.id}">${m.name}</a></td><td>${m.taxCode ?? ''}</td><td>${m.area?.name ?? ''}</td><td>${memberTypeNames[m.type]}</td><td>${memberStatusNames[m.status]}</td><td>${m._count.contacts}</td><td>${m.inviteCode}</td></tr>`,
    );
    const navigation: SafeHtml[] = [];
    if (pageNumber > 1) navigation.push(html`<a href="${linkTo(Math.min(pageNumber - 1, pages))}">← Trang trước</a>`);
    if (pageNumber < pages) navigation.push(html`<a href="${linkTo(pageNumber + 1)}">Trang sau →</a>`);
    return sendPage(
      reply,
      200,
      'Hội viên',
      html`<section><p><a href="/admin">← Trang quản trị</a></p>
<form method="get" action="/admin/members">
  <p><label>Tìm <input name="q" value="${query.q ?? ''}" placeholder="Tên, mã số thuế hoặc mã mời"></label>
  ${areaFilter}<label>Loại <select name="type"><option value="">Tất cả</option>${memberTypes.map((t) => option(t, memberTypeNames[t], query.type))}</select></label>
  <label>Trạng thái <select name="status"><option value="">Tất cả</option>${memberStatuses.map((s) => option(s, memberStatusNames[s], query.status))}</select></label>
  <button>Lọc</button> <a href="/admin/members">Bỏ lọc</a></p>
</form></section>
<section><p>Tìm thấy <strong>${total}</strong> hội viên · Trang ${pageNumber}/${pages}</p>${
        rows.length
          ? html`<table><tr><th>Tên</th><th>MST</th><th>Khu vực</th><th>Loại</th><th>Trạng thái</th><th>Người liên hệ</th><th>Mã mời</th></tr>${rows}</table>`
          : html`<p>Không có hội viên nào khớp.</p>`
      }
<p>${navigation.map((l, i) => (i > 0 ? html` · ${l}` : l))}</p></section>`,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/members/:id', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const member = await findVisible(request.params.id, session);
    if (!member) return notFound(reply);
    const notice = request.query.done === 'approved' ? 'Đã duyệt đăng ký.' : request.query.done === 'rejected' ? 'Đã từ chối đăng ký.' : null;
    return sendPage(reply, 200, member.name, memberView(member, session, deps, { notice }));
  });

  app.post<{ Params: { id: string } }>('/admin/members/:id/approve', async (request, reply) => decide(request, reply, true));
  app.post<{ Params: { id: string } }>('/admin/members/:id/reject', async (request, reply) => decide(request, reply, false));

  async function decide(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, approve: boolean) {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (session.adminUser.role !== 'office_admin') {
      return forbiddenPage(reply, 'duyệt hay từ chối đăng ký');
    }
    const member = await findVisible(request.params.id, session);
    if (!member) return notFound(reply);
    if (member.status !== 'pending') return notPending(reply, member, session);
    let reason = '';
    if (!approve) {
      reason = (rejectForm.safeParse(request.body).data?.reason ?? '').trim();
      if (!reason) {
        return sendPage(reply, 400, member.name, memberView(member, session, deps, { error: 'Xin ghi lý do từ chối: lý do được gửi tới người đăng ký.' }));
      }
      if (reason.length > 500) {
        return sendPage(reply, 400, member.name, memberView(member, session, deps, { error: 'Lý do quá dài, xin ghi gọn dưới 500 chữ.', reason }));
      }
    }
    try {
      await deps.repository.decide(member.id, approve ? { approve: true } : { approve: false, reason }, { type: 'admin', id: String(session.adminUser.id) }, deps.now());
    } catch (error) {
      // Someone else decided between our check and the transaction: say so rather than fail.
      const now = await deps.repository.findById(member.id);
      if (now && now.status !== 'pending') return notPending(reply, now, session);
      throw error;
    }
    return reply.redirect(`/admin/members/${member.id}?done=${approve ? 'approved' : 'rejected'}`, 303);
  }

  /** The member, if it exists and the session may see it (an area viewer: their area only). */
  async function findVisible(id: string, session: Session) {
    if (!/^\d{1,9}$/.test(id)) return null;
    const member = await deps.repository.findById(Number(id));
    if (!member) return null;
    const onlyAreaId = visibleAreaId(session);
    return onlyAreaId === undefined || member.areaId === onlyAreaId ? member : null;
  }

  function notPending(reply: FastifyReply, member: MemberDetail, session: Session) {
    return sendPage(
      reply,
      409,
      member.name,
      memberView(member, session, deps, { error: `Đăng ký này không còn chờ duyệt (hiện: ${memberStatusNames[member.status]}), nên không duyệt hay từ chối lại được.` }),
    );
  }
};

function memberView(member: MemberDetail, session: Session, deps: MemberPagesDeps, messages: { notice?: string | null; error?: string; reason?: string }): SafeHtml {
  const when = (d: Date | null) => (d ? formatVnDateTime(d, deps.timeZone) : '');
  const chatLink = `/chat?start=${encodeURIComponent(member.inviteCode)}`;
  const contacts = member.contacts.map(
    (c) => html`<tr><td>${channelNames[c.channel] ?? c.channel}</td><td>${c.displayName ?? ''}</td><td>${contactRoleNames[c.role] ?? c.role}</td><td>${contactStatusNames[c.status] ?? c.status}</td><td>${c.lastInteractionAt ? when(c.lastInteractionAt) : 'Chưa có'}</td></tr>`,
  );
  const forms =
    member.status === 'pending' && session.adminUser.role === 'office_admin'
      ? html`<section><h2>Duyệt đăng ký</h2>
<form method="post" action="/admin/members/${member.id}/approve"><input type="hidden" name="_csrf" value="${session.csrfToken}"><p><button>Duyệt đăng ký</button></p></form>
<form method="post" action="/admin/members/${member.id}/reject"><input type="hidden" name="_csrf" value="${session.csrfToken}">
  <p><label>Lý do từ chối (gửi tới người đăng ký)<br><textarea name="reason" rows="3" cols="60" maxlength="500" required>${messages.reason ?? ''}</textarea></label></p>
  <p><button>Từ chối đăng ký</button></p></form></section>`
      : '';
  return html`<section><p><a href="/admin/members">← Danh sách hội viên</a></p>
${messages.error ? html`<p class="error" role="alert">${messages.error}</p>` : ''}${messages.notice ? html`<p role="status">${messages.notice}</p>` : ''}
<table>
<tr><th>Tên</th><td>${member.name}</td></tr>
<tr><th>Mã số thuế</th><td>${member.taxCode ?? ''}</td></tr>
<tr><th>Khu vực</th><td>${member.area?.name ?? ''}</td></tr>
<tr><th>Loại</th><td>${memberTypeNames[member.type]}</td></tr>
<tr><th>Trạng thái</th><td>${memberStatusNames[member.status]}${member.statusReason ? html` — ${member.statusReason}` : ''}</td></tr>
<tr><th>Nguồn</th><td>${memberSourceNames[member.source] ?? member.source}</td></tr>
<tr><th>Người đại diện</th><td>${member.contactPerson ?? ''}</td></tr>
<tr><th>Điện thoại</th><td>${member.phone ?? ''}</td></tr>
<tr><th>Địa chỉ</th><td>${member.address ?? ''}</td></tr>
<tr><th>Ngày tạo</th><td>${when(member.createdAt)}</td></tr>
${member.approvedAt ? html`<tr><th>Ngày duyệt</th><td>${when(member.approvedAt)}</td></tr>` : ''}
<tr><th>Mã mời</th><td><strong>${member.inviteCode}</strong></td></tr>
<tr><th>Đường dẫn trò chuyện trên web</th><td><a href="${chatLink}">${chatLink}</a></td></tr>
</table></section>
<section><h2>Người liên hệ (${member.contacts.length})</h2>${
    contacts.length
      ? html`<table><tr><th>Kênh</th><th>Tên hiển thị</th><th>Vai trò</th><th>Tình trạng</th><th>Lần trao đổi gần nhất</th></tr>${contacts}</table>`
      : html`<p>Chưa có ai liên hệ qua kênh trò chuyện.</p>`
  }</section>
${forms}`;
}

function notFound(reply: FastifyReply) {
  return sendPage(reply, 404, 'Không tìm thấy', html`<section><p>Không có hội viên này, hoặc tài khoản không được xem hội viên này.</p><p><a href="/admin/members">← Danh sách hội viên</a></p></section>`);
}
