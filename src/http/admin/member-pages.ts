import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { channelName } from '../../core/channel-names';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { memberStatusNames, memberTypeNames } from '../../core/members/member-names';
import { formatVnPhone } from '../../core/phone/format-vn-phone';
import type { MemberAdminRepository } from '../../db/prisma-member-admin-repository';
import { html, type SafeHtml } from '../html';
import { type AdminSession, forbiddenPage, isOfficeAdmin, notFoundPage, pageLinks, selectOption, sendPage, visibleAreaId } from './admin-page';
import { qrSvg } from './qr-svg';

export interface MemberPagesDeps {
  readonly repository: MemberAdminRepository;
  now(): Date;
  readonly timeZone: string;
  /** Where links given to members point (PUBLIC_URL, or this machine): they are used off this site. */
  readonly publicBaseUrl: string;
  /** Set when this service runs a Telegram bot: invite links then open it with the member's code. */
  readonly telegramBotUsername?: string;
}

const PAGE_SIZE = 50;

const memberSourceNames: Readonly<Record<string, string>> = { roster: 'Danh sách hội viên', self_registered: 'Tự đăng ký qua kênh trò chuyện', admin: 'Văn phòng thêm' };
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
const qrQuery = z.object({
  link: z.enum(['telegram', 'web']).optional().catch(undefined),
  download: z.literal('1').optional().catch(undefined),
});

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
    const areaFilter =
      onlyAreaId === undefined
        ? html`<label>Khu vực <select name="area"><option value="">Tất cả</option>${areas.map((a) => selectOption(a.code, a.name, query.area))}</select></label> `
        : html`<span>Khu vực: ${session.adminUser.area?.name ?? 'chưa gán'}</span> `;
    const rows = members.map(
      (m) => html`<tr><td><a href="/admin/members/${m.id}">${m.name}</a></td><td>${m.taxCode ?? ''}</td><td>${m.area?.name ?? ''}</td><td>${memberTypeNames[m.type]}</td><td>${memberStatusNames[m.status]}</td><td>${m._count.contacts}</td><td>${m.inviteCode}</td></tr>`,
    );
    return sendPage(
      reply,
      200,
      'Hội viên',
      html`<section><p><a href="/admin">← Trang quản trị</a>${isOfficeAdmin(session) ? html` · <a href="/admin/members/import">Nhập danh sách hội viên từ tệp Excel/CSV</a>` : ''}</p>
<form method="get" action="/admin/members">
  <p><label>Tìm <input name="q" value="${query.q ?? ''}" placeholder="Tên, mã số thuế hoặc mã mời"></label>
  ${areaFilter}<label>Loại <select name="type"><option value="">Tất cả</option>${memberTypes.map((t) => selectOption(t, memberTypeNames[t], query.type))}</select></label>
  <label>Trạng thái <select name="status"><option value="">Tất cả</option>${memberStatuses.map((s) => selectOption(s, memberStatusNames[s], query.status))}</select></label>
  <button>Lọc</button> <a href="/admin/members">Bỏ lọc</a></p>
</form></section>
<section><p>Tìm thấy <strong>${total}</strong> hội viên · Trang ${pageNumber}/${pages}</p>${
        rows.length
          ? html`<div class="table-scroll"><table><tr><th>Tên</th><th>MST</th><th>Khu vực</th><th>Loại</th><th>Trạng thái</th><th>Người liên hệ</th><th>Mã mời</th></tr>${rows}</table></div>`
          : html`<p>Không có hội viên nào khớp.</p>`
      }
<p>${pageLinks(pageNumber, pages, linkTo)}</p></section>`,
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

  // The QR code of one of the member's invite links, for the page, the invite card or a download.
  app.get<{ Params: { id: string }; Querystring: unknown }>('/admin/members/:id/qr.svg', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const member = await findVisible(request.params.id, session);
    if (!member) return notFound(reply);
    const query = qrQuery.parse(request.query ?? {});
    const links = inviteLinks(member.inviteCode, deps);
    const chosen = query.link === undefined ? links[0] : links.find((l) => l.kind === query.link);
    if (!chosen) return notFound(reply);
    if (query.download) {
      reply.header('content-disposition', `attachment; filename="ma-moi-${member.inviteCode.replace(/[^A-Za-z0-9]/g, '')}-${chosen.kind}.svg"`);
    }
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(await qrSvg(chosen.url));
  });

  app.get<{ Params: { id: string } }>('/admin/members/:id/invite-card', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const member = await findVisible(request.params.id, session);
    if (!member) return notFound(reply);
    return sendPage(reply, 200, `Thẻ mời — ${member.name}`, inviteCard(member, deps));
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
  const links = inviteLinks(member.inviteCode, deps);
  const contacts = member.contacts.map(
    (c) => html`<tr><td>${channelName(c.channel)}</td><td>${c.displayName ?? ''}</td><td>${contactRoleNames[c.role] ?? c.role}</td><td>${contactStatusNames[c.status] ?? c.status}</td><td>${c.lastInteractionAt ? when(c.lastInteractionAt) : 'Chưa có'}</td></tr>`,
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
<tr><th>Điện thoại</th><td>${member.phone ? html`<a href="tel:${member.phone}">${formatVnPhone(member.phone)}</a>` : ''}</td></tr>
<tr><th>Địa chỉ</th><td>${member.address ?? ''}</td></tr>
<tr><th>Ngày tạo</th><td>${when(member.createdAt)}</td></tr>
${member.approvedAt ? html`<tr><th>Ngày duyệt</th><td>${when(member.approvedAt)}</td></tr>` : ''}
<tr><th>Mã mời</th><td><strong>${member.inviteCode}</strong></td></tr>
${links.map((l) => html`<tr><th>Đường dẫn ${l.label}</th><td><a href="${l.url}">${l.url}</a></td></tr>`)}
</table></section>
<section><h2>Mã QR mời tham gia</h2>
<p>Gửi đường dẫn hoặc in mã QR cho hội viên: quét bằng camera điện thoại là mở kênh trò chuyện với mã mời điền sẵn, không phải gõ mã số thuế.</p>
${member.status === 'active' ? '' : html`<p class="error">Hội viên đang ở trạng thái “${memberStatusNames[member.status]}”: ai dùng mã mời lúc này chỉ nhận được thông báo về hồ sơ, chưa liên kết được.</p>`}
<div style="display:flex;flex-wrap:wrap;gap:8px 24px">${links.map(
    (l) => html`<figure><img src="/admin/members/${member.id}/qr.svg?link=${l.kind}" width="180" height="180" alt="Mã QR ${l.title}: ${l.url}"><figcaption>${l.title} · <a href="/admin/members/${member.id}/qr.svg?link=${l.kind}&amp;download=1">Tải mã QR (SVG)</a></figcaption></figure>`,
  )}</div>
<p><a href="/admin/members/${member.id}/invite-card">Thẻ mời để in →</a></p></section>
<section><h2>Người liên hệ (${member.contacts.length})</h2>${
    contacts.length
      ? html`<div class="table-scroll"><table><tr><th>Kênh</th><th>Tên hiển thị</th><th>Vai trò</th><th>Tình trạng</th><th>Lần trao đổi gần nhất</th></tr>${contacts}</table></div>`
      : html`<p>Chưa có ai liên hệ qua kênh trò chuyện.</p>`
  }</section>
${forms}`;
}

interface InviteLink {
  readonly kind: 'telegram' | 'web';
  /** Fits after “Đường dẫn”. */
  readonly label: string;
  /** Stands alone, under a QR code. */
  readonly title: string;
  readonly url: string;
}

/** Where the member's invite code opens a chat: Telegram first when it runs, the web chat always. */
function inviteLinks(inviteCode: string, deps: MemberPagesDeps): InviteLink[] {
  const code = encodeURIComponent(inviteCode);
  const links: InviteLink[] = [];
  if (deps.telegramBotUsername) {
    links.push({ kind: 'telegram', label: 'Telegram', title: 'Telegram', url: `https://t.me/${deps.telegramBotUsername}?start=${code}` });
  }
  const web = `${deps.publicBaseUrl.replace(/\/+$/, '')}/chat?start=${code}`;
  links.push({ kind: 'web', label: 'trò chuyện trên web', title: 'Trò chuyện trên web', url: web });
  return links;
}

/** One A4 page for the office to print and hand over: the member's name, its code and the QR codes. */
function inviteCard(member: MemberDetail, deps: MemberPagesDeps): SafeHtml {
  const links = inviteLinks(member.inviteCode, deps);
  return html`<style>
.card{text-align:center}.card .code{font-size:28px;letter-spacing:4px;font-weight:bold}.card figure{display:inline-block;margin:12px 24px}
.card figcaption{font-size:13px;word-break:break-all;max-width:240px}
@media print{.admin-nav,header,.no-print{display:none}body{background:#fff}section{border:none}}
</style>
<section class="no-print"><p><a href="/admin/members/${member.id}">← ${member.name}</a></p><p>Dùng lệnh In của trình duyệt (Ctrl+P) để in thẻ này.</p></section>
<section class="card"><h2>Mời tham gia kênh trò chuyện của Hiệp hội Doanh nghiệp</h2>
<p><strong>${member.name}</strong>${member.taxCode ? html`<br>Mã số thuế: ${member.taxCode}` : ''}</p>
<p>Quét mã QR bằng camera điện thoại để nhận kế hoạch, thông báo, nhắc hạn và gửi báo cáo cho Văn phòng Hiệp hội.</p>
${links.map((l) => html`<figure><img src="/admin/members/${member.id}/qr.svg?link=${l.kind}" width="220" height="220" alt="Mã QR ${l.title}"><figcaption><strong>${l.title}</strong><br>${l.url}</figcaption></figure>`)}
<p>Hoặc mở kênh trò chuyện và gõ mã mời:</p><p class="code">${member.inviteCode}</p></section>`;
}

function notFound(reply: FastifyReply) {
  return notFoundPage(reply, 'Không có hội viên này, hoặc tài khoản không được xem hội viên này.', { href: '/admin/members', label: 'Danh sách hội viên' });
}
