import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CampaignDraft } from '../../core/campaigns/campaign-draft';
import { newCampaignPolicy } from '../../core/campaigns/campaign-edit-policy';
import { checkCampaignDraft } from '../../core/campaigns/check-campaign-draft';
import { type PlanImportProposal, proposeCampaignFromPlan } from '../../core/campaigns/plan-import-proposal';
import { type CalendarDate, formatVnDate } from '../../core/dates/calendar-date';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { startOfDayInZone } from '../../core/dates/zoned-time';
import { missingPlanParts } from '../../core/plan-parsing/missing-plan-parts';
import { parsePlanText } from '../../core/plan-parsing/parse-plan-text';
import type { Evidence, Extracted, ExtractedList, ParsedPlan } from '../../core/plan-parsing/parsed-plan';
import type { CampaignAdminRepository } from '../../db/prisma-campaign-admin-repository';
import type { PlanImportRepository, PlanImportWithPeople } from '../../db/prisma-plan-import-repository';
import { normalizePlanText, planTextProblem, readPlanDocument } from '../../lib/read-plan-document';
import { html, type SafeHtml } from '../html';
import { type AdminSession, csrfField, forbiddenPage, isOfficeAdmin, notFoundPage, parseId, sendPage } from './admin-page';
import { formField } from './admin-routes';
import { campaignForm, type CampaignFormValues, describeField, parseCampaignForm, readFormFields } from './campaign-form';
import { isUploadLimitError, uploadedFile } from './uploaded-file';

export interface PlanImportPagesDeps {
  readonly imports: PlanImportRepository;
  readonly campaigns: Pick<CampaignAdminRepository, 'createCampaign' | 'findByYear'>;
  now(): Date;
  readonly timeZone: string;
}

const TITLE = 'Tạo kế hoạch từ văn bản';
const MAX_MB = 10;
const sourceNames = { paste: 'Dán trên trang quản trị', upload: 'Tải tệp lên trang quản trị', chat: 'Gửi qua bot' } as const;
const back = { href: '/admin/campaigns/import', label: TITLE };

/**
 * Creating a campaign from the plan the association issued, under /admin/campaigns/import: the
 * office pastes its text or uploads it (.docx, .txt) — or an office contact sends it to the bot,
 * which links here — and the review page shows the text with numbered lines beside what was read
 * from it, each part linked to its lines, missing parts marked with the reason, and a form filled
 * with what was found (empty where nothing was) to correct and confirm. Confirming creates the
 * campaign as a draft, with its phases and report periods, for the office to publish from the
 * campaign's page. Office admins only: area viewers get 403 on every page here.
 */
export const planImportPages: FastifyPluginAsync<PlanImportPagesDeps> = async (app, deps) => {
  // An upload over the limit fails while the body is read, before any handler: say so in a page.
  app.setErrorHandler((error, _request, reply) => {
    if (isUploadLimitError(error)) {
      return sendPage(reply, 413, TITLE, html`<section><p class="error" role="alert">Tệp quá lớn: mỗi lần một tệp, tối đa ${MAX_MB} MB. Một kế hoạch thi đua thường chỉ vài chục KB; nếu tệp có nhiều hình ảnh, xin chép nội dung văn bản và dán vào ô văn bản.</p><p><a href="/admin/campaigns/import">← Chọn tệp khác</a></p></section>`);
    }
    throw error;
  });

  app.get('/admin/campaigns/import', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tạo kế hoạch');
    return sendPage(reply, 200, TITLE, await startPage(session, null, ''));
  });

  app.post('/admin/campaigns/import', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tạo kế hoạch');
    const upload = await uploadedFile(request.body, 'file');
    const pasted = formField(request.body, 'text') ?? '';
    let text: string;
    if (upload) {
      try {
        text = await readPlanDocument(upload.bytes, upload.fileName);
      } catch (error) {
        // readPlanDocument explains, in Vietnamese, why the file cannot be read.
        request.log.info({ err: error, fileName: upload.fileName }, 'plan upload unreadable');
        return sendPage(reply, 400, TITLE, await startPage(session, error instanceof Error ? error.message : `Không đọc được tệp “${upload.fileName}”.`, pasted));
      }
    } else {
      text = normalizePlanText(pasted);
      const problem = pasted.trim() === '' ? 'Xin dán văn bản kế hoạch, hoặc chọn tệp .docx hay .txt.' : planTextProblem(text, 'Văn bản đã dán');
      if (problem) return sendPage(reply, 400, TITLE, await startPage(session, problem, pasted));
    }
    const created = await deps.imports.create({
      text,
      source: upload ? 'upload' : 'paste',
      fileName: upload?.fileName ?? null,
      adminUserId: session.adminUser.id,
      now: deps.now(),
    });
    return reply.redirect(`/admin/campaigns/import/${created.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/admin/campaigns/import/:id', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tạo kế hoạch');
    const found = await find(request.params.id);
    if (!found) return notFound(reply);
    const review = await reviewOf(found);
    return reviewPage(reply, 200, session, review, proposalFormValues(review.proposal), []);
  });

  app.post<{ Params: { id: string } }>('/admin/campaigns/import/:id', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tạo kế hoạch');
    const found = await find(request.params.id);
    if (!found) return notFound(reply);
    const review = await reviewOf(found);
    const values = readFormFields(request.body);
    if (found.campaign) return reviewPage(reply, 409, session, review, values, [`Văn bản này đã được dùng để tạo kế hoạch năm ${found.campaign.year}.`]);

    const year = readYear(values['year'] ?? '');
    // Said first and alone: when the year is taken, nothing else on the form matters yet.
    const existing = year.ok ? await deps.campaigns.findByYear(year.value) : null;
    if (year.ok && existing) return reviewPage(reply, 409, session, review, values, [yearTaken(year.value)], existing.id);
    const base = proposalDraft(review.proposal, year.ok ? year.value : (review.proposal.year ?? PLACEHOLDER_YEAR), deps.timeZone);
    const parsed = parseCampaignForm(values, base, newCampaignPolicy(base), deps.timeZone);
    const errors = [...(year.ok ? [] : [year.error]), ...(parsed.ok ? [] : parsed.errors)];
    if (!parsed.ok || errors.length > 0) return reviewPage(reply, 400, session, review, values, errors);
    const problems = checkCampaignDraft(parsed.draft, deps.timeZone);
    if (problems.length > 0) return reviewPage(reply, 400, session, review, values, problems);

    const actor = { type: 'admin', id: String(session.adminUser.id) };
    const created = await deps.campaigns.createCampaign(parsed.draft, actor, { fromPlanImportId: found.id });
    if (!created.ok) return reviewPage(reply, 409, session, review, values, [yearTaken(parsed.draft.year)], created.existingId);
    await deps.imports.linkCampaign(found.id, created.id);
    return reply.redirect(`/admin/campaigns/${created.id}?done=created`, 303);
  });

  function find(id: string) {
    const parsed = parseId(id);
    return parsed === null ? Promise.resolve(null) : deps.imports.findById(parsed);
  }

  async function reviewOf(planImport: PlanImportWithPeople): Promise<Review> {
    const parsed = parsePlanText(planImport.text, { timeZone: deps.timeZone });
    const proposal = proposeCampaignFromPlan(parsed, planImport.text, await deps.imports.lastCampaignFields());
    const existing = proposal.year === null ? null : await deps.campaigns.findByYear(proposal.year);
    return { planImport, parsed, proposal, existing };
  }

  async function startPage(session: AdminSession, error: string | null, text: string): Promise<SafeHtml> {
    const recent = await deps.imports.recent();
    const rows = recent.map(
      (r) =>
        html`<tr><td><a href="/admin/campaigns/import/${r.id}">Văn bản số ${r.id}</a>${r.fileName ? html` (${r.fileName})` : ''}</td><td>${formatVnDateTime(r.createdAt, deps.timeZone)}</td><td>${sourceNames[r.source]}</td><td>${whoBrought(r)}</td><td>${r.campaign ? html`<a href="/admin/campaigns/${r.campaign.id}">Kế hoạch năm ${r.campaign.year}</a>` : 'Chưa tạo'}</td></tr>`,
    );
    return html`<section><p><a href="/admin/campaigns">← Danh sách kế hoạch</a></p>${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p>Chọn tệp kế hoạch thi đua đã ban hành (Word .docx hoặc văn bản .txt), hoặc dán toàn văn. Hệ thống đọc số hiệu, ngày ban hành, chủ đề chung, các đợt thi đua, các báo cáo và hạn nộp, các phong trào và nơi nhận, rồi hiện bên cạnh văn bản để Văn phòng kiểm tra, sửa và xác nhận. Phần nào không tìm thấy được để trống và ghi rõ, không tự điền.</p>
<form method="post" action="/admin/campaigns/import" enctype="multipart/form-data">${csrfField(session)}
<p><label>Tệp kế hoạch (.docx hoặc .txt, tối đa ${MAX_MB} MB)<br><input type="file" name="file" accept=".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"></label></p>
<p><label>Hoặc dán toàn văn kế hoạch<br><textarea name="text" rows="14" cols="80">${text}</textarea></label></p>
<p><button>Đọc văn bản</button></p></form>
<p class="muted">Cán bộ Văn phòng cũng có thể gửi tệp cho bot bằng lệnh /kehoachmoi; bot trả lời kèm đường dẫn tới trang kiểm tra.</p></section>
<section><h2>Văn bản đã đưa vào gần đây</h2>${
      rows.length
        ? html`<table><tr><th>Văn bản</th><th>Lúc</th><th>Cách đưa vào</th><th>Người đưa</th><th>Kế hoạch</th></tr>${rows}</table>`
        : html`<p>Chưa có văn bản nào.</p>`
    }</section>`;
  }

  function reviewPage(
    reply: FastifyReply,
    status: number,
    session: AdminSession,
    review: Review,
    values: CampaignFormValues,
    errors: readonly string[],
    existingCampaignId?: number,
  ) {
    const { planImport, parsed, proposal } = review;
    const base = proposalDraft(proposal, proposal.year ?? PLACEHOLDER_YEAR, deps.timeZone);
    const missing = missingPlanParts(parsed);
    const source = html`Văn bản số ${planImport.id}${planImport.fileName ? html`, tệp “${planImport.fileName}”` : ''} — ${sourceNames[planImport.source].toLowerCase()} bởi ${whoBrought(planImport)}, ${formatVnDateTime(planImport.createdAt, deps.timeZone)}.`;
    const done = planImport.campaign
      ? html`<p class="ok" role="status">Đã tạo <a href="/admin/campaigns/${planImport.campaign.id}">kế hoạch năm ${planImport.campaign.year}</a> từ văn bản này.</p>`
      : '';
    const taken =
      review.existing && !planImport.campaign && errors.length === 0
        ? html`<p class="error" role="alert">Đã có <a href="/admin/campaigns/${review.existing.id}">kế hoạch năm ${review.existing.year}</a>: mỗi năm chỉ có một kế hoạch, nên văn bản này chỉ tạo được kế hoạch nếu năm đọc được chưa đúng (sửa ô “Năm của kế hoạch”).</p>`
        : '';
    const errorBox = errors.length
      ? html`<div class="error" role="alert"><p>Chưa tạo được kế hoạch, xin sửa:</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul>${
          existingCampaignId !== undefined ? html`<p><a href="/admin/campaigns/${existingCampaignId}">Mở kế hoạch đã có →</a></p>` : ''
        }</div>`
      : '';
    const form = planImport.campaign
      ? ''
      : html`<section><h2>Xác nhận và tạo kế hoạch</h2><p>Biểu mẫu đã điền sẵn những gì đọc được; ô để trống là phần không tìm thấy trong văn bản. Xin kiểm tra, sửa rồi bấm tạo. Kế hoạch được tạo ở dạng bản nháp: hội viên chưa nhận được gì cho tới khi Văn phòng công bố.</p></section>
${campaignForm({
  action: `/admin/campaigns/import/${planImport.id}`,
  csrfField: csrfField(session),
  values,
  base,
  policy: newCampaignPolicy(base),
  timeZone: deps.timeZone,
  submitLabel: 'Tạo bản nháp kế hoạch',
  yearInput: true,
})}`;
    return sendPage(
      reply,
      status,
      proposal.year ? `${TITLE}: kế hoạch năm ${proposal.year}` : TITLE,
      html`${reviewStyle}<section><p><a href="/admin/campaigns/import">← ${TITLE}</a></p><p>${source}</p>${done}${taken}${errorBox}
<p>${foundCount(parsed, missing.length)}</p></section>
<div class="plan-review">
<section class="plan-text"><h2>Văn bản</h2><p class="muted">Các dòng tô vàng là nơi lấy thông tin; bấm “dòng …” ở phần đọc được để tới dòng đó.</p>${numberedText(planImport.text, usedLines(parsed))}</section>
<div>${foundPanel(parsed, proposal)}${form}
<section><details><summary>Sửa văn bản rồi đọc lại</summary><form method="post" action="/admin/campaigns/import" enctype="multipart/form-data">${csrfField(session)}
<p><textarea name="text" rows="14" cols="80">${planImport.text}</textarea></p><p><button>Đọc lại văn bản đã sửa</button> <span class="muted">Văn bản đã sửa được lưu thành một văn bản mới; văn bản này giữ nguyên.</span></p></form></details></section></div>
</div>`,
    );
  }

  function yearTaken(year: number): string {
    return `Đã có kế hoạch năm ${year}: mỗi năm chỉ có một kế hoạch thi đua, nên không tạo thêm được. Nếu năm đọc từ văn bản chưa đúng, xin sửa ô “Năm của kế hoạch”; nếu muốn thay kế hoạch đã có, xin mở kế hoạch đó để sửa.`;
  }
};

interface Review {
  readonly planImport: PlanImportWithPeople;
  readonly parsed: ParsedPlan;
  readonly proposal: PlanImportProposal;
  /** The campaign that already has the year read from the document, if any. */
  readonly existing: { readonly id: number; readonly year: number } | null;
}

// The form needs a year to build on when the document gives none; it is never stored: the
// office must type the year, and a form without one is refused.
const PLACEHOLDER_YEAR = 2000;

function whoBrought(r: Pick<PlanImportWithPeople, 'createdByAdmin' | 'createdByContact'>): string {
  if (r.createdByAdmin) return r.createdByAdmin.displayName;
  if (r.createdByContact) return `${r.createdByContact.displayName ?? 'cán bộ Văn phòng'} (qua bot)`;
  return 'không rõ';
}

function readYear(typed: string): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = typed.trim();
  if (/^\d{4}$/.test(trimmed)) return { ok: true, value: Number(trimmed) };
  return { ok: false, error: trimmed === '' ? 'Xin ghi năm của kế hoạch (4 chữ số, ví dụ 2027).' : `Năm của kế hoạch “${trimmed}” không đúng: xin ghi 4 chữ số, ví dụ 2027.` };
}

/** The form's values for what was read: empty where the document gave nothing. */
function proposalFormValues(p: PlanImportProposal): CampaignFormValues {
  const day = (d: CalendarDate | null) => (d ? formatVnDate(d) : '');
  const values: Record<string, string> = {
    year: p.year === null ? '' : String(p.year),
    docNumber: p.docNumber ?? '',
    docDate: day(p.docDate),
    docPlace: p.docPlace ?? '',
    title: p.title ?? '',
    overallTheme: p.overallTheme ?? '',
    movements: p.movements.join('\n'),
    addressees: p.addressees.join('\n'),
    fullText: p.fullText,
  };
  for (const phase of p.phases) {
    const key = `phases.${phase.ordinal}`;
    values[`${key}.name`] = phase.name;
    values[`${key}.startsOn`] = day(phase.startsOn);
    values[`${key}.endsOn`] = day(phase.endsOn);
    values[`${key}.theme`] = phase.theme ?? '';
  }
  for (const r of p.reportPeriods) {
    const key = `reportPeriods.${r.ordinal}`;
    values[`${key}.name`] = r.name ?? '';
    values[`${key}.covers`] = r.covers ?? '';
    values[`${key}.opensOn`] = day(r.opensOn);
    values[`${key}.dueBefore`] = day(r.dueBefore);
    values[`${key}.deadlineText`] = r.deadlineText ?? '';
  }
  return values;
}

/**
 * The proposal as the draft `parseCampaignForm` builds on: its structure (phases, reports with
 * their codes and fields) and what was found. A missing part gets a stand-in here only because a
 * draft has no empty dates; the form shows it empty and `parseCampaignForm` refuses it empty, so
 * a stand-in never reaches the database.
 */
function proposalDraft(p: PlanImportProposal, year: number, timeZone: string): CampaignDraft {
  const standIn = { year, month: 1, day: 1 };
  return {
    year,
    docNumber: p.docNumber ?? '',
    docDate: p.docDate ?? standIn,
    docPlace: p.docPlace,
    title: p.title ?? '',
    overallTheme: p.overallTheme ?? '',
    movements: p.movements,
    addressees: p.addressees,
    fullText: p.fullText,
    phases: p.phases.map((phase) => ({
      ordinal: phase.ordinal,
      name: phase.name,
      startsOn: phase.startsOn ?? standIn,
      endsOn: phase.endsOn ?? standIn,
      theme: phase.theme ?? '',
    })),
    reportPeriods: p.reportPeriods.map((r) => ({
      code: r.code,
      ordinal: r.ordinal,
      name: r.name ?? `Báo cáo thứ ${r.ordinal}`,
      covers: r.covers ?? '',
      opensAt: startOfDayInZone(r.opensOn ?? standIn, timeZone),
      deadlineAt: startOfDayInZone(r.dueBefore ?? standIn, timeZone),
      deadlineText: r.deadlineText ?? '',
      fields: r.fields,
    })),
  };
}

function foundCount(parsed: ParsedPlan, missing: number): SafeHtml {
  const warnings = parsed.warnings.length;
  return html`${missing === 0 ? html`<span class="ok">Đã tìm thấy mọi phần của kế hoạch.</span>` : html`<span class="missing">${missing} phần không tìm thấy</span> (đánh dấu “Không tìm thấy”, ô tương ứng trong biểu mẫu để trống).`}${
    warnings ? html` ${warnings} điều cần xem lại.` : ''
  }`;
}

/** What was read, part by part, each with the lines it came from; missing parts with the reason. */
function foundPanel(parsed: ParsedPlan, proposal: PlanImportProposal): SafeHtml {
  const warnings = parsed.warnings.length
    ? html`<div class="warning" role="note"><p>Cần xem lại:</p><ul>${parsed.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`
    : '';
  const plan = html`<table class="found">
${row('Số hiệu', parsed.documentNumber, (v) => v)}
${row('Ngày ban hành', parsed.issuedAt, (v) => `${formatVnDate(v.date)}${v.place ? `, ${v.place}` : ''}`)}
${row('Tên kế hoạch', parsed.title, (v) => v)}
${row('Năm', parsed.year, (v) => String(v))}
${row('Chủ đề chung', parsed.overallTheme, (v) => v)}
${listRows('Các phong trào', parsed.movements)}
${listRows('Nơi nhận', parsed.audience)}
</table>`;
  const phases = parsed.phases.found
    ? parsed.phases.items.map(
        ({ value: p, evidence }) => html`<h3>${p.label} <span class="muted">(${evidenceLink(evidence)})</span></h3><table class="found">
${row('Từ ngày', p.startsOn, formatVnDate)}
${row('Đến hết ngày', p.endsOn, formatVnDate)}
${row('Chủ đề', p.theme, (v) => v)}
</table>`,
      )
    : html`<table class="found">${missingRow('Các đợt', parsed.phases)}</table>`;
  const reports = parsed.reports.found
    ? parsed.reports.items.map(({ value: r, evidence }, i) => {
        const proposed = proposal.reportPeriods[i];
        const name = r.period.found ? r.period.value.name : `Báo cáo thứ ${r.ordinal}`;
        return html`<h3>${name} <span class="muted">(${evidenceLink(evidence)})</span></h3><table class="found">
${row('Kỳ báo cáo', r.period, (v) => v.name)}
${row('Nội dung', r.covers, (v) => v)}
${row('Hạn nộp', r.deadline, (v) => `${v.text} — hạn là trước 0 giờ ngày ${formatVnDate(v.dueBefore)}`)}
<tr><th>Mở nhận báo cáo</th><td colspan="2">${
          proposed?.opensOn
            ? html`Văn bản không ghi; đề xuất từ ngày ${formatVnDate(proposed.opensOn)} (ngày đầu tháng trước tháng hạn nộp), sửa được ở biểu mẫu.`
            : html`Văn bản không ghi; xin điền ở biểu mẫu.`
        }</td></tr>
<tr><th>Các mục cần báo cáo</th><td colspan="2">${
          proposed?.fieldsFrom ? html`Chép từ “${proposed.fieldsFrom.periodName}” (kế hoạch năm ${proposed.fieldsFrom.year}): ` : html`Các mục mặc định: `
        }${(proposed?.fields ?? []).map((f, j) => html`${j > 0 ? '; ' : ''}${describeField(f)}`)}. <span class="muted">Sửa được sau, trên trang của kế hoạch.</span></td></tr>
</table>`;
      })
    : html`<table class="found">${missingRow('Các báo cáo', parsed.reports)}</table>`;
  return html`<section><h2>Những gì đọc được</h2>${warnings}${plan}</section>
<section><h2>Các đợt thi đua</h2>${phases}</section>
<section><h2>Các báo cáo</h2>${reports}</section>`;
}

function row<T>(label: string, part: Extracted<T>, show: (value: T) => string): SafeHtml {
  if (!part.found) return missingRow(label, part);
  return html`<tr><th>${label}</th><td>${show(part.value)}</td><td class="src">${evidenceLink(part.evidence)}</td></tr>`;
}

function listRows(label: string, list: ExtractedList<string>): SafeHtml {
  if (!list.found) return missingRow(label, list);
  return html`${list.items.map(
    (item, i) => html`<tr>${i === 0 ? html`<th rowspan="${list.items.length}">${label}</th>` : ''}<td>${item.value}</td><td class="src">${evidenceLink(item.evidence)}</td></tr>`,
  )}`;
}

function missingRow(label: string, part: { readonly reason: string; readonly evidence?: Evidence }): SafeHtml {
  return html`<tr class="missing"><th>${label}</th><td colspan="2">Không tìm thấy — ${part.reason}${part.evidence ? html` (${evidenceLink(part.evidence)})` : ''}</td></tr>`;
}

function evidenceLink(e: Evidence): SafeHtml {
  const lines = e.endLine > e.line ? `dòng ${e.line}–${e.endLine}` : `dòng ${e.line}`;
  return html`<a href="#dong-${e.line}">${lines}</a>${e.note ? html`<br><span class="muted">${e.note}</span>` : ''}`;
}

/** Every line some part was read from (or seen on and refused), to highlight in the text. */
function usedLines(parsed: ParsedPlan): Set<number> {
  const used = new Set<number>();
  const add = (e: Evidence | undefined) => {
    if (e) for (let n = e.line; n <= e.endLine; n += 1) used.add(n);
  };
  const part = (p: Extracted<unknown> | ExtractedList<unknown>) => {
    if (!p.found) add(p.evidence);
    else if ('items' in p) p.items.forEach((item) => add(item.evidence));
    else add(p.evidence);
  };
  [parsed.documentNumber, parsed.issuedAt, parsed.title, parsed.year, parsed.overallTheme, parsed.movements, parsed.audience].forEach(part);
  for (const { value: p } of parsed.phases.found ? parsed.phases.items : []) [p.startsOn, p.endsOn, p.theme].forEach(part);
  for (const { value: r } of parsed.reports.found ? parsed.reports.items : []) [r.deadline, r.covers, r.period].forEach(part);
  return used;
}

/** The text with its line numbers as the parser counts them, each line an anchor (`#dong-12`). */
function numberedText(text: string, used: ReadonlySet<number>): SafeHtml {
  const rows = text.split(/\r\n|\r|\n/).map((line, i) => {
    const n = i + 1;
    return html`<tr id="dong-${n}"${used.has(n) ? html` class="used"` : ''}><td class="ln"><a href="#dong-${n}">${n}</a></td><td class="tx">${line}</td></tr>`;
  });
  return html`<table class="plan-lines">${rows}</table>`;
}

// Scoped to this page: the text and what was read side by side on a wide screen, one above the
// other on a phone; the page's frame is widened only when this page is in it.
const reviewStyle = html`<style>
main:has(.plan-review){max-width:1400px}
.plan-review{display:grid;grid-template-columns:minmax(0,1fr);gap:0 16px}.plan-review textarea,.plan-review input{max-width:100%}
@media (min-width:1000px){.plan-review{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}.plan-review .plan-text{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}}
.plan-lines td{border:0;padding:0 6px;font-size:14px}.plan-lines td.ln{color:#5b6877;text-align:right;width:3em}.plan-lines td.ln a{color:inherit;text-decoration:none}
.plan-lines td.tx{white-space:pre-wrap;overflow-wrap:anywhere}.plan-lines tr.used td{background:#fff3c4}.plan-lines tr:target td{background:#ffd866}
table.found th{width:9em}table.found td.src{width:7em;font-size:13px}h3{font-size:15px;margin:12px 0 4px}
tr.missing td,tr.missing th,.missing{color:#8a1c12}tr.missing td{font-weight:600}
.warning{background:#fff4e5;border-left:4px solid #e08a00;padding:4px 12px;margin-bottom:8px}
</style>`;

function notFound(reply: FastifyReply) {
  return notFoundPage(reply, 'Không có văn bản này.', back);
}
