import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { channelName } from '../../core/channel-names';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { groupThousands } from '../../core/money/group-thousands';
import { changedFields } from '../../core/reports/changed-fields';
import { formatFieldValue } from '../../core/reports/format-field-value';
import type { ReportField } from '../../core/reports/report-field';
import type { SubmissionAdminRepository, SubmissionStatus } from '../../db/prisma-submission-admin-repository';
import { attachmentDisposition } from '../content-disposition';
import { html, type SafeHtml } from '../html';
import { forbiddenPage, isOfficeAdmin, notFoundPage, pageLinks, parseId, selectOption, sendPage, visibleAreaId } from './admin-page';

export interface SubmissionPagesDeps {
  readonly repository: SubmissionAdminRepository;
  readonly timeZone: string;
  /** DATA_DIR: members' files are stored under it, at the path each attachment row records. */
  readonly dataDir: string;
}

const PAGE_SIZE = 100;
const statuses = ['on_time', 'late', 'missing'] as const;
const statusNames: Readonly<Record<SubmissionStatus, string>> = { on_time: 'Đúng hạn', late: 'Trễ hạn', missing: 'Chưa nộp' };
/** type/subtype as RFC 6838 allows; anything else recorded is served as opaque bytes. */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

// A filter value that does not parse is ignored rather than refused: links get copied and edited.
const listQuery = z.object({
  area: z.string().regex(/^(\d{1,9}|none)$/).optional().catch(undefined),
  status: z.enum(statuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

type Period = NonNullable<Awaited<ReturnType<SubmissionAdminRepository['findPeriod']>>>;
type Found = NonNullable<Awaited<ReturnType<SubmissionAdminRepository['submissionOf']>>>;
type Revision = NonNullable<Found['submission']>['revisions'][number];
type Attachment = Revision['attachments'][number];

/**
 * A period's reports: the members with where they stand (filter by area and status), one member's
 * report with every revision, who filed it, what changed and its files, the files themselves, and
 * the compiled report as CSV. An area viewer sees only their area and cannot export.
 */
export const submissionPages: FastifyPluginAsync<SubmissionPagesDeps> = async (app, deps) => {
  const when = (d: Date) => formatVnDateTime(d, deps.timeZone);
  const periodNotFound = (reply: FastifyReply) => notFoundPage(reply, 'Không có kỳ báo cáo này.', { href: '/admin/progress', label: 'Tiến độ báo cáo' });

  async function periodFrom(id: string): Promise<Period | null> {
    const periodId = parseId(id);
    return periodId === null ? null : deps.repository.findPeriod(periodId);
  }

  app.get<{ Params: { id: string } }>('/admin/periods/:id/submissions', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const period = await periodFrom(request.params.id);
    if (!period) return periodNotFound(reply);
    const query = listQuery.parse(request.query ?? {});
    const onlyAreaId = visibleAreaId(session);
    const chosenArea = query.area === undefined ? undefined : query.area === 'none' ? null : Number(query.area);
    const pageNumber = query.page ?? 1;
    const [{ counts, total, members }, areas] = await Promise.all([
      deps.repository.membersOfPeriod({
        periodId: period.id,
        areaId: onlyAreaId ?? chosenArea,
        status: query.status,
        skip: (pageNumber - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
      }),
      onlyAreaId === undefined ? deps.repository.areas() : Promise.resolve([]),
    ]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const base = `/admin/periods/${period.id}/submissions`;
    const linkTo = (changes: { status?: SubmissionStatus | null; page?: number }) => {
      const params = new URLSearchParams();
      if (onlyAreaId === undefined && query.area) params.set('area', query.area);
      const status = changes.status === undefined ? query.status : changes.status;
      if (status) params.set('status', status);
      if (changes.page && changes.page > 1) params.set('page', String(changes.page));
      const search = params.toString();
      return `${base}${search ? `?${search}` : ''}`;
    };
    const all = counts.on_time + counts.late + counts.missing;
    const statusLinks = [
      query.status ? html`<a href="${linkTo({ status: null })}">Tất cả (${all})</a>` : html`<strong>Tất cả (${all})</strong>`,
      ...statuses.map((s) =>
        s === query.status ? html`<strong>${statusNames[s]} (${counts[s]})</strong>` : html`<a href="${linkTo({ status: s })}">${statusNames[s]} (${counts[s]})</a>`,
      ),
    ];
    const areaFilter =
      onlyAreaId === undefined
        ? html`<form method="get" action="${base}"><p><label>Khu vực <select name="area"><option value="">Tất cả</option>${areas.map((a) => selectOption(String(a.id), a.name, query.area))}${selectOption('none', 'Chưa có khu vực', query.area)}</select></label>
${query.status ? html`<input type="hidden" name="status" value="${query.status}">` : ''}<button>Lọc</button></p></form>`
        : html`<p>Khu vực: ${session.adminUser.area?.name ?? 'chưa gán'}</p>`;
    const rows = members.map(
      (m, i) => html`<tr><td class="num">${(pageNumber - 1) * PAGE_SIZE + i + 1}</td><td><a href="/admin/periods/${period.id}/members/${m.id}">${m.name}</a></td><td>${m.taxCode ?? ''}</td><td>${m.area?.name ?? 'Chưa có khu vực'}</td><td>${statusNames[m.status]}</td><td>${m.submission ? when(m.submission.firstSubmittedAt) : ''}</td><td class="num">${m.submission ? m.submission.currentRevision - 1 : ''}</td><td>${m.referenceCode ?? ''}</td></tr>`,
    );
    return sendPage(
      reply,
      200,
      `${period.name}: tình trạng nộp`,
      html`<section><p><a href="/admin/progress?period=${period.id}">← Tiến độ báo cáo</a></p>
<p>Hạn nộp: ${period.deadlineText}.</p>
${areaFilter}<p>${statusLinks.map((l, i) => (i > 0 ? html` · ${l}` : l))}</p>${
        isOfficeAdmin(session)
          ? html`<p><a href="/admin/periods/${period.id}/export.xlsx">Tải báo cáo tổng hợp (Excel)</a> · <a href="/admin/periods/${period.id}/export.csv">Tải báo cáo tổng hợp (CSV)</a></p>`
          : ''
      }</section>
<section><p>${total} hội viên · Trang ${pageNumber}/${pages}</p>${
        rows.length
          ? html`<div class="table-scroll"><table><tr><th class="num">STT</th><th>Tên hội viên</th><th>MST</th><th>Khu vực</th><th>Tình trạng</th><th>Nộp lúc</th><th class="num">Lần sửa</th><th>Mã tiếp nhận</th></tr>${rows}</table></div>`
          : html`<p>Không có hội viên nào khớp.</p>`
      }
<p>${pageLinks(pageNumber, pages, (page) => linkTo({ page }))}</p></section>`,
    );
  });

  app.get<{ Params: { id: string; memberId: string } }>('/admin/periods/:id/members/:memberId', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const period = await periodFrom(request.params.id);
    if (!period) return periodNotFound(reply);
    const memberId = parseId(request.params.memberId);
    const found = memberId === null ? null : await deps.repository.submissionOf(period.id, memberId);
    const onlyAreaId = visibleAreaId(session);
    if (!found || (onlyAreaId !== undefined && found.member.areaId !== onlyAreaId)) {
      return notFoundPage(reply, 'Không có hội viên này, hoặc tài khoản không được xem hội viên này.', {
        href: `/admin/periods/${period.id}/submissions`,
        label: 'Danh sách nộp báo cáo',
      });
    }
    const { member, submission } = found;
    const header = html`<section><p><a href="/admin/periods/${period.id}/submissions">← ${period.name}: tình trạng nộp</a></p>
<table>
<tr><th>Hội viên</th><td><a href="/admin/members/${member.id}">${member.name}</a></td></tr>
<tr><th>Mã số thuế</th><td>${member.taxCode ?? ''}</td></tr>
<tr><th>Khu vực</th><td>${member.area?.name ?? 'Chưa có khu vực'}</td></tr>
<tr><th>Kỳ báo cáo</th><td>${period.name} (hạn nộp ${period.deadlineText})</td></tr>
<tr><th>Tình trạng</th><td>${
      submission
        ? html`${submission.onTime ? 'Đúng hạn' : 'Trễ hạn'} — nộp lần đầu lúc ${when(submission.firstSubmittedAt)}${
            submission.currentRevision > 1 ? html`, sửa ${submission.currentRevision - 1} lần, lần cuối lúc ${when(submission.lastSubmittedAt)}` : ''
          }`
        : 'Chưa nộp'
    }</td></tr>
</table></section>`;
    const latest = submission?.revisions.at(-1);
    if (!submission || !latest) {
      return sendPage(reply, 200, `${member.name}: ${period.name}`, html`${header}<section><p>Hội viên chưa nộp báo cáo kỳ này.</p></section>`);
    }
    // Every file of every revision, by id: a value names the row made when the file arrived,
    // and a correction that keeps the file has its own row for the same bytes.
    const files = new Map<number, Attachment>(submission.revisions.flatMap((r) => r.attachments.map((a) => [a.id, a] as const)));
    const fileKey = (value: unknown) => {
      const id = attachmentIdOf(value);
      if (id === null) return value === null ? null : JSON.stringify(value);
      return files.get(id)?.sha256 ?? `id:${id}`;
    };
    const current = fieldRows(period.fields, valuesOf(latest.values)).map(
      ([label, field, value]) => html`<tr><th>${label}</th><td>${valueHtml(field, value, files)}</td></tr>`,
    );
    const revisions = [...submission.revisions].reverse().map((revision) => {
      const previous = submission.revisions.find((r) => r.revision === revision.revision - 1);
      const changes = previous ? changedFields(period.fields, valuesOf(previous.values), valuesOf(revision.values), fileKey) : null;
      const who = revision.contact
        ? html`${revision.contact.displayName ?? `Người liên hệ số ${revision.contact.id}`} — ${channelName(revision.contact.channel)}`
        : html`<span class="muted">không rõ (người liên hệ không còn)</span>`;
      return html`<section><h2>${revision.revision === 1 ? 'Lần nộp đầu' : `Bản sửa lần ${revision.revision - 1}`}${revision.revision === submission.currentRevision ? ' (bản đang dùng)' : ''}</h2>
<p>Mã tiếp nhận <strong>${revision.referenceCode}</strong> · lúc ${when(revision.submittedAt)} (${revision.onTime ? 'đúng hạn' : 'trễ hạn'}) · người nộp: ${who}</p>
${
  changes === null
    ? ''
    : changes.length === 0
      ? html`<p>Không thay đổi gì so với lần trước.</p>`
      : html`<p>Thay đổi so với lần trước:</p><ul>${changes.map(
          (c) => html`<li>${c.field?.label ?? c.code}: ${valueHtml(c.field, c.before, files)} → ${valueHtml(c.field, c.after, files)}</li>`,
        )}</ul>`
}${
        revision.attachments.length
          ? html`<p>Tệp đính kèm: ${revision.attachments.map((a, i) => html`${i > 0 ? ', ' : ''}${fileLink(a)}`)}</p>`
          : ''
      }</section>`;
    });
    return sendPage(
      reply,
      200,
      `${member.name}: ${period.name}`,
      html`${header}<section><h2>Số liệu hiện tại (${latest.referenceCode})</h2><table>${current}</table></section>
<section><h2>Các lần nộp (${submission.revisions.length})</h2><p class="muted">Mới nhất trước.</p></section>${revisions}`,
    );
  });

  app.get<{ Params: { id: string } }>('/admin/attachments/:id', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const id = parseId(request.params.id);
    const attachment = id === null ? null : await deps.repository.findAttachment(id);
    const onlyAreaId = visibleAreaId(session);
    if (!attachment || (onlyAreaId !== undefined && attachment.member.areaId !== onlyAreaId)) {
      return notFoundPage(reply, 'Không có tệp này, hoặc tài khoản không được xem tệp này.');
    }
    const file = await storedFile(deps.dataDir, attachment.storagePath);
    if (!file) {
      request.log.warn({ attachmentId: attachment.id }, 'attachment file missing or outside DATA_DIR');
      return notFoundPage(reply, 'Tệp này không còn trên máy chủ. Xin báo người quản trị hệ thống.');
    }
    return reply
      .header('content-type', MIME_TYPE.test(attachment.mimeType) ? attachment.mimeType : 'application/octet-stream')
      .header('content-disposition', attachmentDisposition(attachment.fileName))
      .header('content-length', String(file.size))
      .header('x-content-type-options', 'nosniff')
      // A member's HTML or SVG opened by hand from the downloads must not run as this site.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(createReadStream(file.path));
  });

  app.get<{ Params: { id: string } }>('/admin/periods/:id/export.csv', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'tải báo cáo tổng hợp của toàn Hiệp hội');
    const period = await periodFrom(request.params.id);
    if (!period) return periodNotFound(reply);
    const csv = await deps.repository.exportCsv(period.id);
    await deps.repository.audit({
      actorId: String(session.adminUser.id),
      action: 'report.exported',
      entityType: 'report_period',
      entityId: String(period.id),
      details: { format: 'csv' },
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`bao-cao-${period.campaign.year}-${period.code}.csv`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(csv);
  });
};

/**
 * The file an attachment row points at, only when it resolves (symbolic links followed) to a
 * regular file inside DATA_DIR: a tampered `storage_path` such as `../../etc/passwd` is refused.
 */
async function storedFile(dataDir: string, storagePath: string): Promise<{ path: string; size: number } | null> {
  try {
    const root = await realpath(dataDir);
    const file = await realpath(path.resolve(root, storagePath));
    if (!file.startsWith(root + path.sep)) return null;
    const info = await stat(file);
    return info.isFile() ? { path: file, size: info.size } : null;
  } catch {
    return null;
  }
}

/** The form's fields in order, then any answer under a code the form no longer has. */
function fieldRows(fields: readonly ReportField[], values: Readonly<Record<string, unknown>>): Array<[string, ReportField | null, unknown]> {
  const known = new Set(fields.map((f) => f.code));
  return [
    ...fields.map((f): [string, ReportField | null, unknown] => [f.label, f, values[f.code] ?? null]),
    ...Object.keys(values)
      .filter((code) => !known.has(code))
      .map((code): [string, ReportField | null, unknown] => [code, null, values[code]]),
  ];
}

function valueHtml(field: ReportField | null, value: unknown, files: ReadonlyMap<number, Attachment>): SafeHtml {
  if (value === null || value === undefined) return html`<span class="muted">(không có)</span>`;
  if (!field) return html`${typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}`;
  if (field.kind === 'file') {
    const id = attachmentIdOf(value);
    const attachment = id === null ? undefined : files.get(id);
    return attachment ? fileLink(attachment) : html`${formatFieldValue(field, value)}`;
  }
  if (field.kind === 'text') return html`<span style="white-space:pre-wrap">${formatFieldValue(field, value)}</span>`;
  // formatVnd refuses amounts beyond 2^53; a JSON column could hold one.
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return html`${String(value)}`;
  return html`${formatFieldValue(field, value)}`;
}

function fileLink(a: Attachment): SafeHtml {
  return html`<a href="/admin/attachments/${a.id}">${a.fileName}</a> <span class="muted">(${sizeText(a.sizeBytes)})</span>`;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${groupThousands(BigInt(Math.round(bytes / 1024)))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

function attachmentIdOf(value: unknown): number | null {
  return typeof value === 'object' && value !== null && 'attachmentId' in value && typeof value.attachmentId === 'number' ? value.attachmentId : null;
}

function valuesOf(values: unknown): Readonly<Record<string, unknown>> {
  return typeof values === 'object' && values !== null && !Array.isArray(values) ? Object.fromEntries(Object.entries(values)) : {};
}
