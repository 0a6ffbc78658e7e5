import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CampaignDraft } from '../../core/campaigns/campaign-draft';
import { campaignEditPolicy, canEditAnything, checkPublishedEdit, type CampaignEditPolicy, newCampaignPolicy } from '../../core/campaigns/campaign-edit-policy';
import { checkCampaignDraft } from '../../core/campaigns/check-campaign-draft';
import { diffCampaignDrafts } from '../../core/campaigns/diff-campaign-drafts';
import { nextYearCampaign } from '../../core/campaigns/next-year-campaign';
import { formatVnDate } from '../../core/dates/calendar-date';
import { fromDbDate } from '../../core/dates/days-between';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { toCalendarDateInZone } from '../../core/dates/zoned-time';
import { type CampaignAdminRepository, type CampaignWithParts, toCampaignDraft } from '../../db/prisma-campaign-admin-repository';
import { html, type SafeHtml } from '../html';
import { type AdminSession, csrfField, forbiddenPage, isOfficeAdmin, notFoundPage, parseId, sendPage } from './admin-page';
import { campaignForm, campaignFormValues, type CampaignFormValues, describeField, parseCampaignForm, readFormFields } from './campaign-form';

export interface CampaignPagesDeps {
  readonly repository: CampaignAdminRepository;
  now(): Date;
  readonly timeZone: string;
}

const statusNames = { draft: 'Bản nháp', published: 'Đã công bố', archived: 'Lưu trữ' } as const;
const actionNames: Readonly<Record<string, string>> = {
  'campaign.created': 'Tạo kế hoạch',
  'campaign.updated': 'Sửa kế hoạch',
  'campaign.published': 'Công bố kế hoạch',
};
const notices: Readonly<Record<string, string>> = {
  created: 'Đã tạo bản nháp kế hoạch. Xin xem lại rồi công bố khi văn bản đã ban hành.',
  saved: 'Đã lưu các thay đổi.',
  unchanged: 'Không có gì thay đổi nên không lưu.',
};
const auditDetails = z
  .object({ changes: z.array(z.object({ label: z.string(), before: z.string(), after: z.string() })).optional() })
  .catch({});
const version = z.iso.datetime();
const back = { href: '/admin/campaigns', label: 'Danh sách kế hoạch' };

/**
 * The office's campaign pages under /admin/campaigns: the list, one campaign (plan, phases, report
 * periods, its history), editing it (what may change depends on its status: see
 * `campaignEditPolicy`), next year's campaign proposed from it, and publishing a draft. Area
 * viewers see the pages and change nothing. Every change is in the audit log.
 */
export const campaignPages: FastifyPluginAsync<CampaignPagesDeps> = async (app, deps) => {
  const actorOf = (session: AdminSession) => ({ type: 'admin', id: String(session.adminUser.id) });

  app.get('/admin/campaigns', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const campaigns = await deps.repository.list();
    const latest = campaigns[0];
    const rows = campaigns.map(
      (c) =>
        html`<tr><td>${c.year}</td><td><a href="/admin/campaigns/${c.id}">${c.title}</a></td><td>${statusNames[c.status]}${c.publishedAt ? html` (${formatVnDateTime(c.publishedAt, deps.timeZone)})` : ''}</td><td class="num">${c._count.phases}</td><td class="num">${c._count.reportPeriods}</td></tr>`,
    );
    const create = isOfficeAdmin(session)
      ? html`${latest ? html`<p><a href="/admin/campaigns/${latest.id}/next-year">Tạo kế hoạch năm ${latest.year + 1} từ kế hoạch năm ${latest.year} →</a></p>` : ''}
<p><a href="/admin/campaigns/import">Tạo kế hoạch từ văn bản đã ban hành (dán văn bản, hoặc tệp .docx, .txt) →</a></p>`
      : '';
    return sendPage(
      reply,
      200,
      'Kế hoạch thi đua',
      html`<section><p><a href="/admin">← Trang quản trị</a></p>${
        rows.length
          ? html`<div class="table-scroll"><table><tr><th>Năm</th><th>Kế hoạch</th><th>Trạng thái</th><th class="num">Số đợt</th><th class="num">Số báo cáo</th></tr>${rows}</table></div>`
          : html`<p>Chưa có kế hoạch nào.</p>`
      }${create}</section>`,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/campaigns/:id', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const campaign = await find(request.params.id);
    if (!campaign) return notFound(reply);
    const done = request.query.done;
    const notice = done === 'published' ? publishedNotice(campaign.year) : done ? notices[done] : undefined;
    return sendPage(reply, 200, campaign.title, await campaignView(campaign, session, { notice }));
  });

  app.get<{ Params: { id: string } }>('/admin/campaigns/:id/edit', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'sửa kế hoạch');
    const campaign = await find(request.params.id);
    if (!campaign) return notFound(reply);
    const policy = campaignEditPolicy(campaign, deps.now());
    if (!canEditAnything(policy)) return notEditable(reply, campaign);
    const draft = toCampaignDraft(campaign);
    return editPage(reply, 200, campaign, session, policy, campaignFormValues(draft, deps.timeZone), []);
  });

  app.post<{ Params: { id: string } }>('/admin/campaigns/:id/edit', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'sửa kế hoạch');
    const campaign = await find(request.params.id);
    if (!campaign) return notFound(reply);
    const now = deps.now();
    const policy = campaignEditPolicy(campaign, now);
    if (!canEditAnything(policy)) return notEditable(reply, campaign);
    const values = readFormFields(request.body);
    // A form made from an older version would write over someone else's save.
    const formVersion = version.safeParse(values.version);
    if (!formVersion.success || formVersion.data !== campaign.updatedAt.toISOString()) return stale(reply, campaign);
    const before = toCampaignDraft(campaign);
    const parsed = parseCampaignForm(values, before, policy, deps.timeZone);
    if (!parsed.ok) return editPage(reply, 400, campaign, session, policy, values, parsed.errors);
    const problems = [
      ...checkCampaignDraft(parsed.draft, deps.timeZone),
      ...(campaign.status === 'published' ? checkPublishedEdit(before, parsed.draft, now, deps.timeZone) : []),
    ];
    if (problems.length > 0) return editPage(reply, 400, campaign, session, policy, values, problems);
    const changes = diffCampaignDrafts(before, parsed.draft, deps.timeZone);
    if (changes.length === 0) return reply.redirect(`/admin/campaigns/${campaign.id}?done=unchanged`, 303);
    const result = await deps.repository.updateCampaign(
      campaign.id,
      { version: campaign.updatedAt, draft: parsed.draft, changes, onlyUnannouncedPhases: campaign.status !== 'draft' },
      actorOf(session),
    );
    if (!result.ok) return stale(reply, campaign);
    return reply.redirect(`/admin/campaigns/${campaign.id}?done=saved`, 303);
  });

  app.get<{ Params: { id: string } }>('/admin/campaigns/:id/next-year', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tạo kế hoạch');
    const source = await find(request.params.id);
    if (!source) return notFound(reply);
    const taken = await yearTaken(reply, source.year + 1);
    if (taken) return taken;
    const proposal = nextYearCampaign(toCampaignDraft(source), deps.timeZone);
    return proposalPage(reply, 200, source, proposal, session, campaignFormValues(proposal, deps.timeZone), []);
  });

  app.post<{ Params: { id: string } }>('/admin/campaigns/:id/next-year', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tạo kế hoạch');
    const source = await find(request.params.id);
    if (!source) return notFound(reply);
    const taken = await yearTaken(reply, source.year + 1);
    if (taken) return taken;
    const proposal = nextYearCampaign(toCampaignDraft(source), deps.timeZone);
    const values = readFormFields(request.body);
    const parsed = parseCampaignForm(values, proposal, newCampaignPolicy(proposal), deps.timeZone);
    if (!parsed.ok) return proposalPage(reply, 400, source, proposal, session, values, parsed.errors);
    const problems = checkCampaignDraft(parsed.draft, deps.timeZone);
    if (problems.length > 0) return proposalPage(reply, 400, source, proposal, session, values, problems);
    const created = await deps.repository.createCampaign(parsed.draft, actorOf(session), { fromCampaignId: source.id, fromYear: source.year });
    if (!created.ok) return yearTakenPage(reply, parsed.draft.year, created.existingId);
    return reply.redirect(`/admin/campaigns/${created.id}?done=created`, 303);
  });

  app.post<{ Params: { id: string } }>('/admin/campaigns/:id/publish', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'công bố kế hoạch');
    const campaign = await find(request.params.id);
    if (!campaign) return notFound(reply);
    // A draft edited into a bad state cannot be saved, but a draft created elsewhere (a parsed
    // document, a script) is checked again before members see it.
    const problems = checkCampaignDraft(toCampaignDraft(campaign), deps.timeZone);
    if (problems.length > 0) return sendPage(reply, 400, campaign.title, await campaignView(campaign, session, { errors: problems }));
    const result = await deps.repository.publish(campaign.id, actorOf(session), deps.now());
    if (!result.ok) {
      const error =
        result.reason === 'SAME_TEXT'
          ? `Toàn văn kế hoạch năm ${campaign.year} vẫn giống hệt kế hoạch năm ${result.year}. Xin dán văn bản năm ${campaign.year} đã ban hành (Sửa kế hoạch) rồi công bố.`
          : `Kế hoạch này không còn là bản nháp (hiện: ${statusNames[campaign.status]}), nên không công bố lại được.`;
      const current = (await deps.repository.findById(campaign.id)) ?? campaign;
      return sendPage(reply, result.reason === 'SAME_TEXT' ? 400 : 409, campaign.title, await campaignView(current, session, { errors: [error] }));
    }
    return reply.redirect(`/admin/campaigns/${campaign.id}?done=published`, 303);
  });

  function find(id: string) {
    const parsed = parseId(id);
    return parsed === null ? Promise.resolve(null) : deps.repository.findById(parsed);
  }

  /** What happens next, as run-calendar does it: the plan goes out once its year has begun. */
  function publishedNotice(year: number): string {
    const thisYear = toCalendarDateInZone(deps.now(), deps.timeZone).year;
    if (year === thisYear) return 'Đã công bố. Kế hoạch sẽ được gửi tới mọi hội viên ở lần chạy lịch kế tiếp (trong vòng 15 phút), chủ đề mỗi đợt gửi khi đợt bắt đầu.';
    if (year > thisYear) return `Đã công bố. Kế hoạch sẽ được gửi tới mọi hội viên từ ngày ${formatVnDate({ year, month: 1, day: 1 })}, chủ đề mỗi đợt gửi khi đợt bắt đầu.`;
    return `Đã công bố. Năm ${year} đã qua nên kế hoạch không được gửi tự động tới hội viên.`;
  }

  async function campaignView(campaign: CampaignWithParts, session: AdminSession, messages: { notice?: string | undefined; errors?: readonly string[] }): Promise<SafeHtml> {
    const when = (d: Date) => formatVnDateTime(d, deps.timeZone);
    const office = isOfficeAdmin(session);
    const [history, nextYear] = await Promise.all([deps.repository.history(campaign.id), office ? deps.repository.findByYear(campaign.year + 1) : Promise.resolve(null)]);
    const policy = campaignEditPolicy(campaign, deps.now());
    const phases = campaign.phases.map(
      (p) =>
        html`<tr><td>${p.name}</td><td>${formatVnDate(fromDbDate(p.startsOn))}</td><td>${formatVnDate(fromDbDate(p.endsOn))}</td><td>${p.theme}</td><td>${p.announcedAt ? when(p.announcedAt) : 'Chưa gửi'}</td></tr>`,
    );
    const draft = toCampaignDraft(campaign);
    const periods = campaign.reportPeriods.map((r, i) => {
      const fields = draft.reportPeriods[i]?.fields ?? [];
      return html`<tr><td>${r.name}<br><span class="muted">${r.covers}</span></td><td>${when(r.opensAt)}</td><td>${when(r.deadlineAt)}<br><span class="muted">${r.deadlineText}</span></td><td><ol>${fields.map((f) => html`<li>${describeField(f)}</li>`)}</ol></td><td class="num">${r._count.submissions}</td></tr>`;
    });
    const actions: SafeHtml[] = [];
    if (office && canEditAnything(policy)) actions.push(html`<p><a href="/admin/campaigns/${campaign.id}/edit">Sửa kế hoạch →</a></p>`);
    if (office && campaign.status === 'draft') {
      actions.push(
        html`<form method="post" action="/admin/campaigns/${campaign.id}/publish">${csrfField(session)}<p><button>Công bố kế hoạch năm ${campaign.year}</button> <span class="muted">Kế hoạch sẽ được gửi tới mọi hội viên (khi năm ${campaign.year} đã bắt đầu); sau khi công bố, văn bản không sửa được nữa.</span></p></form>`,
      );
    }
    if (office && !nextYear) actions.push(html`<p><a href="/admin/campaigns/${campaign.id}/next-year">Tạo kế hoạch năm ${campaign.year + 1} từ kế hoạch này →</a></p>`);
    if (campaign.status === 'published') actions.push(html`<p><a href="/ke-hoach/${campaign.year}">Trang kế hoạch hội viên xem →</a></p>`);
    const historyRows = history.map((h) => {
      const changes = auditDetails.parse(h.details).changes ?? [];
      return html`<tr><td>${when(h.at)}</td><td>${actionNames[h.action] ?? h.action}</td><td>${h.actorName}</td><td>${changes.map((c) => html`<div>${c.label}: ${c.before} → ${c.after}</div>`)}</td></tr>`;
    });
    return html`<section><p><a href="/admin/campaigns">← Danh sách kế hoạch</a></p>
${messages.errors?.length ? html`<div class="error" role="alert">${messages.errors.map((e) => html`<p>${e}</p>`)}</div>` : ''}${messages.notice ? html`<p class="ok" role="status">${messages.notice}</p>` : ''}
<table>
<tr><th>Năm</th><td>${campaign.year}</td></tr>
<tr><th>Trạng thái</th><td>${statusNames[campaign.status]}${campaign.publishedAt ? html` — công bố lúc ${when(campaign.publishedAt)}` : ''}</td></tr>
<tr><th>Số hiệu</th><td>${campaign.docNumber}</td></tr>
<tr><th>Ngày ban hành</th><td>${formatVnDate(fromDbDate(campaign.docDate))}${campaign.docPlace ? html`, ${campaign.docPlace}` : ''}</td></tr>
<tr><th>Tiêu đề</th><td>${campaign.title}</td></tr>
<tr><th>Chủ đề chung</th><td>${campaign.overallTheme}</td></tr>
<tr><th>Các phong trào</th><td><ul>${campaign.movements.map((m) => html`<li>${m}</li>`)}</ul></td></tr>
<tr><th>Nơi nhận</th><td><ul>${campaign.addressees.map((a) => html`<li>${a}</li>`)}</ul></td></tr>
</table>${actions}</section>
<section><h2>Các đợt thi đua</h2><div class="table-scroll"><table><tr><th>Đợt</th><th>Từ ngày</th><th>Đến ngày</th><th>Chủ đề</th><th>Gửi chủ đề tới hội viên</th></tr>${phases}</table></div></section>
<section><h2>Các báo cáo</h2>${
      periods.length
        ? html`<div class="table-scroll"><table><tr><th>Báo cáo</th><th>Mở nhận từ</th><th>Hạn nộp (trước)</th><th>Các mục</th><th class="num">Đã nộp</th></tr>${periods}</table></div>`
        : html`<p>Kế hoạch không có báo cáo nào.</p>`
    }</section>
<section><h2>Toàn văn</h2><details><summary>Xem toàn văn (${campaign.fullText.length} ký tự)</summary><pre class="doc">${campaign.fullText}</pre></details></section>
<section><h2>Lịch sử thay đổi</h2>${
      historyRows.length ? html`<div class="table-scroll"><table><tr><th>Lúc</th><th>Việc</th><th>Người làm</th><th>Chi tiết</th></tr>${historyRows}</table></div>` : html`<p>Chưa có thay đổi nào qua trang quản trị.</p>`
    }</section>`;
  }

  function editPage(
    reply: FastifyReply,
    status: number,
    campaign: CampaignWithParts,
    session: AdminSession,
    policy: CampaignEditPolicy,
    values: CampaignFormValues,
    errors: readonly string[],
  ) {
    const published = campaign.status === 'published'
      ? html`<p class="muted">Kế hoạch đã công bố: chỉ sửa được tên và nội dung báo cáo, hạn nộp chưa tới (dời tới một thời điểm chưa qua) và các đợt chưa gửi chủ đề. Mọi thay đổi được ghi vào nhật ký.</p>`
      : '';
    return sendPage(
      reply,
      status,
      `Sửa: ${campaign.title}`,
      html`<section><p><a href="/admin/campaigns/${campaign.id}">← ${campaign.title}</a></p>${errorList(errors)}${published}</section>
${campaignForm({
  action: `/admin/campaigns/${campaign.id}/edit`,
  csrfField: csrfField(session),
  version: campaign.updatedAt.toISOString(),
  values,
  base: toCampaignDraft(campaign),
  policy,
  timeZone: deps.timeZone,
  submitLabel: 'Lưu thay đổi',
})}`,
    );
  }

  function proposalPage(
    reply: FastifyReply,
    status: number,
    source: CampaignWithParts,
    proposal: CampaignDraft,
    session: AdminSession,
    values: CampaignFormValues,
    errors: readonly string[],
  ) {
    return sendPage(
      reply,
      status,
      `Kế hoạch năm ${proposal.year} (đề xuất từ năm ${source.year})`,
      html`<section><p><a href="/admin/campaigns/${source.id}">← ${source.title}</a></p>${errorList(errors)}
<p>Bản đề xuất chép từ kế hoạch năm ${source.year}: mọi ngày được dời sang năm ${proposal.year} (ngày cuối tháng 2 vẫn là ngày cuối tháng 2), hạn nộp giữ đúng 0 giờ của ngày tương ứng; trong tiêu đề, chủ đề và tên báo cáo, năm ${source.year} được đổi thành ${proposal.year}. Các mục cần báo cáo được chép nguyên.</p>
<p><strong>Xin kiểm tra trước khi tạo:</strong> số hiệu và ngày ban hành của văn bản mới, các mốc kỷ niệm trong chủ đề (ví dụ “77 năm ngày …”), và toàn văn — toàn văn đang là văn bản năm ${source.year}, xin dán văn bản năm ${proposal.year} khi đã ban hành (chưa dán thì không công bố được). Kế hoạch mới là bản nháp: hội viên chưa nhận được gì cho tới khi Văn phòng công bố.</p></section>
${campaignForm({
  action: `/admin/campaigns/${source.id}/next-year`,
  csrfField: csrfField(session),
  values,
  base: proposal,
  policy: newCampaignPolicy(proposal),
  timeZone: deps.timeZone,
  submitLabel: `Tạo bản nháp kế hoạch năm ${proposal.year}`,
})}`,
    );
  }

  async function yearTaken(reply: FastifyReply, year: number) {
    const existing = await deps.repository.findByYear(year);
    return existing ? yearTakenPage(reply, year, existing.id) : null;
  }

  function yearTakenPage(reply: FastifyReply, year: number, existingId: number) {
    return sendPage(
      reply,
      409,
      `Đã có kế hoạch năm ${year}`,
      html`<section><p class="error" role="alert">Đã có kế hoạch năm ${year}: mỗi năm chỉ có một kế hoạch thi đua, nên không tạo thêm được. Xin mở kế hoạch đó để xem hoặc sửa.</p>
<p><a href="/admin/campaigns/${existingId}">Kế hoạch năm ${year} →</a></p><p><a href="/admin/campaigns">← Danh sách kế hoạch</a></p></section>`,
    );
  }

  function notEditable(reply: FastifyReply, campaign: CampaignWithParts) {
    return sendPage(
      reply,
      409,
      campaign.title,
      html`<section><p class="error" role="alert">Kế hoạch này (${statusNames[campaign.status]}) không còn phần nào sửa được.</p><p><a href="/admin/campaigns/${campaign.id}">← ${campaign.title}</a></p></section>`,
    );
  }

  function stale(reply: FastifyReply, campaign: CampaignWithParts) {
    return sendPage(
      reply,
      409,
      campaign.title,
      html`<section><p class="error" role="alert">Kế hoạch vừa được thay đổi (bởi người khác, hoặc chủ đề một đợt vừa được gửi tới hội viên) sau khi Anh/Chị mở trang sửa, nên chưa lưu gì. Xin mở lại trang sửa và nhập lại.</p>
<p><a href="/admin/campaigns/${campaign.id}/edit">Mở lại trang sửa →</a></p></section>`,
    );
  }
};

function errorList(errors: readonly string[]): SafeHtml | string {
  return errors.length
    ? html`<div class="error" role="alert"><p>Chưa lưu được, xin sửa:</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
    : '';
}

function notFound(reply: FastifyReply) {
  return notFoundPage(reply, 'Không có kế hoạch này.', back);
}

