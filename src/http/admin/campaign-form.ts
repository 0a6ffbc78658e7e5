import { z } from 'zod';
import { type CampaignDraft, type PhaseDraft, type ReportPeriodDraft, wordDeadline } from '../../core/campaigns/campaign-draft';
import type { CampaignEditPolicy } from '../../core/campaigns/campaign-edit-policy';
import { compareCalendarDates, formatVnDate, type CalendarDate } from '../../core/dates/calendar-date';
import { parseVnDate } from '../../core/dates/parse-vn-date';
import { startOfDayInZone, toCalendarDateInZone } from '../../core/dates/zoned-time';
import type { ReportField } from '../../core/reports/report-field';
import { html, type SafeHtml } from '../html';
import { formField } from './admin-routes';

/** A campaign form's fields as typed, by input name; re-shown as they were when something is wrong. */
export type CampaignFormValues = Readonly<Record<string, string>>;

/** The fields of a posted form, urlencoded or multipart (files ignored), as strings. */
export function readFormFields(body: unknown): CampaignFormValues {
  if (typeof body !== 'object' || body === null) return {};
  const values: Record<string, string> = {};
  for (const name of Object.keys(body)) {
    const value = formField(body, name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The form's values for a campaign: dates dd/mm/yyyy, instants as their day in `timeZone`, lists one per line. */
export function campaignFormValues(draft: CampaignDraft, timeZone: string): CampaignFormValues {
  const values: Record<string, string> = {
    docNumber: draft.docNumber,
    docDate: formatVnDate(draft.docDate),
    docPlace: draft.docPlace ?? '',
    title: draft.title,
    overallTheme: draft.overallTheme,
    movements: draft.movements.join('\n'),
    addressees: draft.addressees.join('\n'),
    fullText: draft.fullText,
  };
  for (const p of draft.phases) {
    values[`phases.${p.ordinal}.name`] = p.name;
    values[`phases.${p.ordinal}.startsOn`] = formatVnDate(p.startsOn);
    values[`phases.${p.ordinal}.endsOn`] = formatVnDate(p.endsOn);
    values[`phases.${p.ordinal}.theme`] = p.theme;
  }
  for (const r of draft.reportPeriods) {
    values[`reportPeriods.${r.ordinal}.name`] = r.name;
    values[`reportPeriods.${r.ordinal}.covers`] = r.covers;
    values[`reportPeriods.${r.ordinal}.opensOn`] = formatVnDate(toCalendarDateInZone(r.opensAt, timeZone));
    values[`reportPeriods.${r.ordinal}.dueBefore`] = formatVnDate(toCalendarDateInZone(r.deadlineAt, timeZone));
    values[`reportPeriods.${r.ordinal}.deadlineText`] = r.deadlineText;
  }
  return values;
}

export type ParsedCampaignForm = { ok: true; draft: CampaignDraft } | { ok: false; errors: string[] };

/**
 * The campaign the office asked for: `base` with the parts `policy` lets change replaced by what
 * was typed. Each field is checked on its own here (required, length, a real day);
 * `checkCampaignDraft` checks the whole. A locked part that comes back changed (the form was opened
 * before a deadline passed or a phase's theme went out, or was tampered with) is an error, not
 * silently dropped.
 *
 * Days are typed dd/mm/yyyy and read in `timeZone`: a report due "before 10/07/2023" is due at
 * 00:00 of that day there. A day left as it was keeps its stored instant exactly, so saving a
 * form never moves a deadline nobody touched. A deadline moved while its worded form was left as
 * it was gets a new wording ("trước ngày 15/7/2023"): members read that wording in reminders.
 */
export function parseCampaignForm(values: CampaignFormValues, base: CampaignDraft, policy: CampaignEditPolicy, timeZone: string): ParsedCampaignForm {
  const errors: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const result = schema.safeParse(values[name] ?? '');
    if (result.success) return result.data;
    errors.push(...result.error.issues.map((i) => i.message));
    return undefined;
  };
  const stored = campaignFormValues(base, timeZone);
  const keepLocked = (name: string, label: string) => {
    const typed = values[name];
    if (typed !== undefined && !sameFormValue(name, typed, stored[name] ?? '')) {
      errors.push(`“${label}” không còn sửa được (kế hoạch đã công bố, hạn đã qua hoặc chủ đề đã gửi tới hội viên), nên thay đổi này chưa được lưu.`);
    }
  };

  let plan: Omit<CampaignDraft, 'year' | 'phases' | 'reportPeriods'> = base;
  if (policy.plan) {
    const docNumber = read('docNumber', requiredText('Số hiệu văn bản', 100));
    const docDate = read('docDate', vnDate('Ngày ban hành'));
    const docPlace = read('docPlace', optionalText('Nơi ban hành', 200));
    const title = read('title', requiredText('Tiêu đề', 500));
    const overallTheme = read('overallTheme', requiredText('Chủ đề chung', 1000));
    const movements = read('movements', lines('Các phong trào thi đua', 30, 500));
    const addressees = read('addressees', lines('Nơi nhận', 30, 300));
    const fullText = read('fullText', requiredText('Toàn văn kế hoạch', 100_000));
    if (
      docNumber !== undefined && docDate !== undefined && docPlace !== undefined && title !== undefined &&
      overallTheme !== undefined && movements !== undefined && addressees !== undefined && fullText !== undefined
    ) {
      // A textarea does not give its text back byte for byte (line ends become CRLF, a leading
      // newline is dropped): an untouched full text keeps the stored one.
      const sameText = normalizeText(fullText) === normalizeText(base.fullText);
      plan = { docNumber, docDate, docPlace: docPlace || null, title, overallTheme, movements, addressees, fullText: sameText ? base.fullText : fullText };
    }
  } else {
    for (const [name, label] of planLabels) keepLocked(name, label);
  }

  const phases = base.phases.map((phase): PhaseDraft => {
    const key = `phases.${phase.ordinal}`;
    const label = phase.name;
    if (!policy.phases.has(phase.ordinal)) {
      for (const [part, what] of phaseLabels) keepLocked(`${key}.${part}`, `${label} — ${what}`);
      return phase;
    }
    return {
      ordinal: phase.ordinal,
      name: read(`${key}.name`, requiredText(`${label} — tên đợt`, 100)) ?? phase.name,
      startsOn: read(`${key}.startsOn`, vnDate(`${label} — ngày bắt đầu`)) ?? phase.startsOn,
      endsOn: read(`${key}.endsOn`, vnDate(`${label} — ngày kết thúc`)) ?? phase.endsOn,
      theme: read(`${key}.theme`, requiredText(`${label} — chủ đề`, 2000)) ?? phase.theme,
    };
  });

  const reportPeriods = base.reportPeriods.map((period): ReportPeriodDraft => {
    const key = `reportPeriods.${period.ordinal}`;
    const label = period.name;
    const allowed = policy.periods.get(period.ordinal) ?? { wording: false, opensAt: false, deadline: false };
    if (!allowed.wording) for (const part of ['name', 'covers', 'deadlineText']) keepLocked(`${key}.${part}`, `${label} — ${periodLabels[part]}`);
    if (!allowed.opensAt) keepLocked(`${key}.opensOn`, `${label} — ngày mở nhận báo cáo`);
    if (!allowed.deadline) keepLocked(`${key}.dueBefore`, `${label} — hạn nộp`);
    const name = allowed.wording ? read(`${key}.name`, requiredText(`${label} — tên báo cáo`, 300)) : undefined;
    const covers = allowed.wording ? read(`${key}.covers`, requiredText(`${label} — nội dung báo cáo`, 1000)) : undefined;
    const typedText = allowed.wording ? read(`${key}.deadlineText`, requiredText(`${label} — hạn nộp theo văn bản`, 200)) : undefined;
    const opensOn = allowed.opensAt ? read(`${key}.opensOn`, vnDate(`${label} — ngày mở nhận báo cáo`)) : undefined;
    const dueBefore = allowed.deadline ? read(`${key}.dueBefore`, vnDate(`${label} — hạn nộp`)) : undefined;
    const opensAt = opensOn ? keepOrStartOfDay(period.opensAt, opensOn, timeZone) : period.opensAt;
    const deadlineAt = dueBefore ? keepOrStartOfDay(period.deadlineAt, dueBefore, timeZone) : period.deadlineAt;
    const moved = deadlineAt.getTime() !== period.deadlineAt.getTime();
    const wordingKept = typedText === undefined || typedText === normalizeText(period.deadlineText);
    return {
      code: period.code,
      ordinal: period.ordinal,
      name: name ?? period.name,
      covers: covers ?? period.covers,
      opensAt,
      deadlineAt,
      deadlineText: moved && dueBefore && wordingKept ? wordDeadline(dueBefore) : (typedText ?? period.deadlineText),
      fields: period.fields,
    };
  });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, draft: { ...plan, year: base.year, phases, reportPeriods } };
}

const planLabels: ReadonlyArray<readonly [string, string]> = [
  ['docNumber', 'Số hiệu văn bản'],
  ['docDate', 'Ngày ban hành'],
  ['docPlace', 'Nơi ban hành'],
  ['title', 'Tiêu đề'],
  ['overallTheme', 'Chủ đề chung'],
  ['movements', 'Các phong trào thi đua'],
  ['addressees', 'Nơi nhận'],
  ['fullText', 'Toàn văn kế hoạch'],
];
const phaseLabels: ReadonlyArray<readonly [string, string]> = [
  ['name', 'tên đợt'],
  ['startsOn', 'ngày bắt đầu'],
  ['endsOn', 'ngày kết thúc'],
  ['theme', 'chủ đề'],
];
const periodLabels: Readonly<Record<string, string>> = { name: 'tên báo cáo', covers: 'nội dung báo cáo', deadlineText: 'hạn nộp theo văn bản' };
const dateFields = /(?:^docDate|\.startsOn|\.endsOn|\.opensOn|\.dueBefore)$/;

/** Whether a typed value says the same as the stored one: the same day however written, the same text up to line ends and edges. */
function sameFormValue(name: string, typed: string, stored: string): boolean {
  if (dateFields.test(name)) {
    const a = parseVnDate(typed);
    const b = parseVnDate(stored);
    return a.ok && b.ok && compareCalendarDates(a.value, b.value) === 0;
  }
  const lines = (text: string) =>
    normalizeText(text)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
  return lines(typed) === lines(stored);
}

/** What the form shows around its inputs. */
export interface CampaignFormView {
  readonly action: string;
  readonly csrfField: SafeHtml;
  /** The stored campaign's `updatedAt` (ISO), or absent for a new one. */
  readonly version?: string;
  readonly values: CampaignFormValues;
  /** The campaign as stored (or proposed): shown for the parts the policy locks. */
  readonly base: CampaignDraft;
  readonly policy: CampaignEditPolicy;
  readonly timeZone: string;
  readonly submitLabel: string;
  /** Ask for the year too (field `year`): a campaign read from a document, whose year may be missing or wrong. */
  readonly yearInput?: boolean;
}

/**
 * The campaign's inputs for the parts `policy` allows, the rest shown as text. Sent as
 * multipart: the plan's full text, percent-encoded, would come close to the urlencoded body limit.
 */
export function campaignForm(view: CampaignFormView): SafeHtml {
  const { values, base, policy, timeZone } = view;
  const value = (name: string) => values[name] ?? '';
  const planPart = policy.plan
    ? html`${view.yearInput ? html`<p><label>Năm của kế hoạch<br><input name="year" value="${value('year')}" placeholder="2027" inputmode="numeric" maxlength="4" size="6"></label></p>` : ''}
${input('docNumber', 'Số hiệu văn bản', value('docNumber'), 100)}
${dateInput('docDate', 'Ngày ban hành (ngày/tháng/năm)', value('docDate'))}
${input('docPlace', 'Nơi ban hành', value('docPlace'), 200)}
${input('title', 'Tiêu đề', value('title'), 500)}
${textarea('overallTheme', 'Chủ đề chung', value('overallTheme'), 3)}
${textarea('movements', 'Các phong trào thi đua (mỗi dòng một phong trào)', value('movements'), 6)}
${textarea('addressees', 'Nơi nhận (mỗi dòng một nơi)', value('addressees'), 4)}
${textarea('fullText', 'Toàn văn kế hoạch (dán nguyên văn bản đã ban hành)', value('fullText'), 16)}`
    : html`<p class="muted">Kế hoạch đã công bố: số hiệu, ngày ban hành, tiêu đề, chủ đề chung, các phong trào và toàn văn là văn bản đã ban hành và đã gửi tới hội viên, không sửa được.</p>
<table><tr><th>Số hiệu</th><td>${base.docNumber}</td></tr><tr><th>Ngày ban hành</th><td>${formatVnDate(base.docDate)}</td></tr><tr><th>Tiêu đề</th><td>${base.title}</td></tr><tr><th>Chủ đề chung</th><td>${base.overallTheme}</td></tr></table>`;

  const phases = base.phases.map((p) => {
    const key = `phases.${p.ordinal}`;
    return policy.phases.has(p.ordinal)
      ? html`<fieldset><legend>${p.name}</legend>
${input(`${key}.name`, 'Tên đợt', value(`${key}.name`), 100)}
${dateInput(`${key}.startsOn`, 'Từ ngày (ngày/tháng/năm)', value(`${key}.startsOn`))}
${dateInput(`${key}.endsOn`, 'Đến hết ngày (ngày/tháng/năm)', value(`${key}.endsOn`))}
${textarea(`${key}.theme`, 'Chủ đề của đợt', value(`${key}.theme`), 4)}</fieldset>`
      : html`<fieldset><legend>${p.name}</legend><p>${formatVnDate(p.startsOn)} – ${formatVnDate(p.endsOn)}: ${p.theme}</p>
<p class="muted">Chủ đề đợt này đã gửi tới hội viên, không sửa được.</p></fieldset>`;
  });

  const periods = base.reportPeriods.map((r) => {
    const key = `reportPeriods.${r.ordinal}`;
    const allowed = policy.periods.get(r.ordinal);
    const opens = formatVnDate(toCalendarDateInZone(r.opensAt, timeZone));
    const due = formatVnDate(toCalendarDateInZone(r.deadlineAt, timeZone));
    return html`<fieldset><legend>${r.name}</legend>
${allowed?.wording ? html`${input(`${key}.name`, 'Tên báo cáo', value(`${key}.name`), 300)}${textarea(`${key}.covers`, 'Nội dung báo cáo', value(`${key}.covers`), 3)}` : html`<p>${r.covers}</p>`}
${allowed?.opensAt ? dateInput(`${key}.opensOn`, 'Mở nhận báo cáo từ ngày (ngày/tháng/năm)', value(`${key}.opensOn`)) : html`<p>Mở nhận báo cáo từ ngày ${opens} (đã mở, không đổi được).</p>`}
${allowed?.deadline ? dateInput(`${key}.dueBefore`, 'Hạn nộp: trước 0 giờ ngày (ngày/tháng/năm)', value(`${key}.dueBefore`)) : html`<p>Hạn nộp: trước ngày ${due} (hạn đã qua, không dời được).</p>`}
${allowed?.wording ? input(`${key}.deadlineText`, 'Hạn nộp theo văn bản (hội viên đọc dòng này trong tin nhắc hạn)', value(`${key}.deadlineText`), 200) : html`<p>${r.deadlineText}</p>`}
<p class="muted">Các mục cần báo cáo (chép nguyên, không sửa ở đây): ${r.fields.map((f, i) => html`${i > 0 ? '; ' : ''}${describeField(f)}`)}</p></fieldset>`;
  });

  return html`<form method="post" action="${view.action}" enctype="multipart/form-data">${view.csrfField}${view.version ? html`<input type="hidden" name="version" value="${view.version}">` : ''}
<section><h2>Văn bản kế hoạch${view.yearInput ? '' : ` năm ${base.year}`}</h2>${planPart}</section>
<section><h2>Các đợt thi đua</h2>${phases}</section>
<section><h2>Các báo cáo gửi Văn phòng</h2>${periods.length ? periods : html`<p>Kế hoạch không có báo cáo nào.</p>`}</section>
<section><p><button>${view.submitLabel}</button></p></section>
</form>`;
}

/** A report field as the office reads it: "Doanh thu (số tiền, triệu đồng)". */
export function describeField(field: ReportField): string {
  const kind =
    field.kind === 'money' ? `số tiền, ${unitNames[field.unit]}` : field.kind === 'count' ? 'số lượng' : field.kind === 'text' ? 'chữ' : 'tệp đính kèm';
  return `${field.label} (${kind}${field.required ? '' : ', không bắt buộc'})`;
}

const unitNames = { dong: 'đồng', nghin: 'nghìn đồng', trieu: 'triệu đồng', ty: 'tỷ đồng' } as const;

function input(name: string, label: string, value: string, maxLength: number): SafeHtml {
  return html`<p><label>${label}<br><input name="${name}" value="${value}" maxlength="${maxLength}" size="70"></label></p>`;
}

function dateInput(name: string, label: string, value: string): SafeHtml {
  return html`<p><label>${label}<br><input name="${name}" value="${value}" placeholder="10/07/2023" inputmode="numeric" size="12"></label></p>`;
}

function textarea(name: string, label: string, value: string, rows: number): SafeHtml {
  return html`<p><label>${label}<br><textarea name="${name}" rows="${rows}" cols="80">${value}</textarea></label></p>`;
}

/** A stored instant kept as it is when its day was not changed; otherwise 00:00 of the typed day. */
function keepOrStartOfDay(stored: Date, typed: CalendarDate, timeZone: string): Date {
  return compareCalendarDates(toCalendarDateInZone(stored, timeZone), typed) === 0 ? stored : startOfDayInZone(typed, timeZone);
}

function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

function requiredText(label: string, max: number) {
  return z
    .string()
    .transform(normalizeText)
    .pipe(z.string().min(1, `Xin điền “${label}”.`).max(max, `“${label}” dài quá ${max} ký tự.`));
}

function optionalText(label: string, max: number) {
  return z.string().trim().max(max, `“${label}” dài quá ${max} ký tự.`);
}

/** One item a line; blank lines and leading bullets ("-", "•") dropped. */
function lines(label: string, maxItems: number, maxEach: number) {
  return z
    .string()
    .transform((s) =>
      s
        .split(/\r\n?|\n/)
        .map((line) => line.replace(/^\s*[-•+*]\s*/, '').trim())
        .filter((line) => line !== ''),
    )
    .pipe(
      z
        .array(z.string().max(maxEach, `“${label}”: mỗi dòng tối đa ${maxEach} ký tự.`))
        .min(1, `Xin ghi ít nhất một dòng ở “${label}”.`)
        .max(maxItems, `“${label}” có quá ${maxItems} dòng.`),
    );
}

function vnDate(label: string) {
  return z.string().transform((typed, ctx): CalendarDate => {
    const result = parseVnDate(typed);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: `${label}: ${result.message}` });
      return z.NEVER;
    }
    return result.value;
  });
}
