import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { wallClockAsUtc } from '../../core/dates/zoned-time';
import { formatVnPhone } from '../../core/phone/format-vn-phone';
import type { CallListEntry, CallListScope } from '../../db/query-call-list';
import { csvDocument } from '../../lib/csv';
import { attachmentDisposition } from '../content-disposition';
import { html } from '../html';
import { type AdminSession, sendPage, visibleAreaId } from './admin-page';

export interface CallPagesDeps {
  /** The members to phone (see `queryCallList`); only the `recent` scope is asked for here. */
  callList(scope: Extract<CallListScope, { kind: 'recent' }>): Promise<CallListEntry[]>;
  areas(): Promise<ReadonlyArray<{ readonly id: number; readonly name: string }>>;
  audit(entry: { actorId: string; action: string; details?: Record<string, string | number | boolean> }): Promise<void>;
  now(): Date;
  readonly timeZone: string;
}

const windows = ['7', '30', '90'] as const;
const DEFAULT_DAYS = 30;
/** Missed messages named per member on the page; the CSV names them all. */
const SHOWN_MESSAGES = 5;

const callsQuery = z.object({
  area: z.string().regex(/^(\d{1,9}|none)$/).optional().catch(undefined),
  days: z.enum(windows).optional().catch(undefined),
});

/**
 * The call list at /admin/calls: members no message reached lately on any channel (broadcasts
 * and reminders that failed everywhere) and members with no channel at all, with why and the
 * numbers to call; by area, and as CSV. An area viewer sees their area's.
 */
export const callPages: FastifyPluginAsync<CallPagesDeps> = async (app, deps) => {
  const when = (d: Date) => formatVnDateTime(d, deps.timeZone);

  async function load(request: FastifyRequest, session: AdminSession) {
    const query = callsQuery.parse(request.query ?? {});
    const onlyAreaId = visibleAreaId(session);
    const days = query.days ? Number(query.days) : DEFAULT_DAYS;
    const areaId = onlyAreaId ?? (query.area === undefined ? undefined : query.area === 'none' ? null : Number(query.area));
    const since = new Date(deps.now().getTime() - days * 86_400_000);
    const entries = await deps.callList({ kind: 'recent', since, ...(areaId === undefined ? {} : { areaId }) });
    return { query, onlyAreaId, days, entries };
  }

  app.get('/admin/calls', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const { query, onlyAreaId, days, entries } = await load(request, session);
    const areas = onlyAreaId === undefined ? await deps.areas() : [];
    const selected = (value: string | undefined, chosen: string | undefined, label: string) =>
      value === chosen ? html`<option value="${value ?? ''}" selected>${label}</option>` : html`<option value="${value ?? ''}">${label}</option>`;
    const csvParams = new URLSearchParams();
    if (onlyAreaId === undefined && query.area) csvParams.set('area', query.area);
    if (query.days) csvParams.set('days', query.days);
    const csvSearch = csvParams.toString();
    const rows = entries.map((e) => {
      const shown = e.missed.slice(0, SHOWN_MESSAGES);
      return html`<tr><td><a href="/admin/members/${e.memberId}">${e.name}</a>${e.taxCode ? html`<br><span class="muted">${e.taxCode}</span>` : ''}</td><td>${e.area ?? 'Chưa có khu vực'}</td><td>${e.contactPerson ?? ''}</td><td>${
        e.phones.length
          ? e.phones.map((p, i) => html`${i > 0 ? html`<br>` : ''}<a href="tel:${p}">${formatVnPhone(p)}</a>`)
          : html`<span class="error">Chưa có số</span>`
      }</td><td>${e.noChannel ? html`<strong>${e.noChannel}</strong>` : ''}${
        shown.length
          ? html`<ul>${shown.map(
              (m) => html`<li>${m.what} <span class="muted">(${when(m.at)})</span>: ${m.reasons.map((r, i) => html`${i > 0 ? '; ' : ''}<span title="${r.detail ?? ''}">${r.text}</span>`)}</li>`,
            )}</ul>`
          : ''
      }${e.missed.length > shown.length ? html`<span class="muted">và ${e.missed.length - shown.length} tin khác</span>` : ''}</td></tr>`;
    });
    return sendPage(
      reply,
      200,
      'Cần gọi điện',
      html`<section><p><a href="/admin">← Trang quản trị</a></p>
<p>Hội viên mà thông báo hoặc tin nhắc hạn trong ${days} ngày qua không tới được trên kênh nào, và hội viên chưa có kênh liên lạc nào. Xin gọi điện báo tin và mời họ kết nối lại với Hiệp hội.</p>
<form method="get" action="/admin/calls"><p>${
        onlyAreaId === undefined
          ? html`<label>Khu vực <select name="area">${selected(undefined, query.area, 'Tất cả')}${areas.map((a) => selected(String(a.id), query.area, a.name))}${selected('none', query.area, 'Chưa có khu vực')}</select></label> `
          : html`<span>Khu vực: ${session.adminUser.area?.name ?? 'chưa gán'}</span> `
      }<label>Trong <select name="days">${windows.map((d) => selected(d, query.days ?? String(DEFAULT_DAYS), `${d} ngày qua`))}</select></label>
<button>Lọc</button></p></form>
<p><a href="/admin/calls.csv${csvSearch ? `?${csvSearch}` : ''}">Tải danh sách (CSV)</a></p></section>
<section><p><strong>${entries.length}</strong> hội viên cần gọi.</p>${
        rows.length
          ? html`<div class="table-scroll"><table><tr><th>Hội viên</th><th>Khu vực</th><th>Người liên hệ</th><th>Điện thoại</th><th>Vì sao</th></tr>${rows}</table></div>`
          : html`<p>Không có hội viên nào cần gọi.</p>`
      }</section>`,
    );
  });

  app.get('/admin/calls.csv', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const { onlyAreaId, days, query, entries } = await load(request, session);
    const now = deps.now();
    await deps.audit({
      actorId: String(session.adminUser.id),
      action: 'call_list.exported',
      details: { format: 'csv', days, members: entries.length, area: onlyAreaId ?? query.area ?? 'all' },
    });
    const day = wallClockAsUtc(now, deps.timeZone).toISOString().slice(0, 10);
    const csv = csvDocument([
      ['Tên hội viên', 'Mã số thuế', 'Khu vực', 'Người liên hệ', 'Điện thoại', 'Lý do', 'Tin chưa tới', 'Lần gần nhất'],
      ...entries.map((e) => [
        e.name,
        e.taxCode,
        e.area ?? 'Chưa có khu vực',
        e.contactPerson,
        e.phones.map(formatVnPhone).join('; '),
        e.reasons.join('; '),
        e.missed.map((m) => m.what).join('; '),
        e.missed[0] ? when(e.missed[0].at) : null,
      ]),
    ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`danh-sach-goi-dien-${day}.csv`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(csv);
  });
};
