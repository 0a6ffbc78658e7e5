import type { FastifyPluginAsync } from 'fastify';
import { compareCalendarDates, formatVnDate } from '../../core/dates/calendar-date';
import { fromDbDate } from '../../core/dates/days-between';
import { toCalendarDateInZone } from '../../core/dates/zoned-time';
import type { PublishedCampaign } from '../../db/find-published-campaign';
import { html } from '../html';
import { layout } from '../layout';

export interface PlanPageDeps {
  findCampaign(year: number): Promise<PublishedCampaign | null>;
  now(): Date;
  timeZone: string;
}

/** `/ke-hoach/<year>`: the plan as the association issued it, for anyone with the link. */
export const planPageRoutes: FastifyPluginAsync<PlanPageDeps> = async (app, deps) => {
  app.get<{ Params: { year: string } }>('/ke-hoach/:year', async (request, reply) => {
    const year = /^\d{4}$/.test(request.params.year) ? Number(request.params.year) : NaN;
    const campaign = Number.isNaN(year) ? null : await deps.findCampaign(year);
    reply.type('text/html; charset=utf-8');
    if (!campaign) {
      return reply
        .code(404)
        .send(String(layout('Không tìm thấy kế hoạch', html`<section><p>Chưa có kế hoạch thi đua nào được công bố cho năm ${request.params.year}.</p></section>`)));
    }
    return reply.send(String(renderPlanPage(campaign, toCalendarDateInZone(deps.now(), deps.timeZone))));
  });
};

function renderPlanPage(c: PublishedCampaign, today: ReturnType<typeof toCalendarDateInZone>) {
  const phases = c.phases.map((p) => {
    const current =
      compareCalendarDates(fromDbDate(p.startsOn), today) <= 0 && compareCalendarDates(today, fromDbDate(p.endsOn)) <= 0;
    return html`<li><strong>${p.name}</strong> (${formatVnDate(fromDbDate(p.startsOn))} – ${formatVnDate(fromDbDate(p.endsOn))})
      ${current ? html`<span class="current">đang diễn ra</span>` : ''}<br>${p.theme}</li>`;
  });
  const reports = c.reportPeriods.map(
    (r) => html`<li><strong>${r.name}</strong>: ${r.deadlineText}.<br><span class="muted">${r.covers}</span></li>`,
  );
  return layout(
    c.title,
    html`<section>
  <p class="muted">Số ${c.docNumber}${c.docPlace ? html`, ${c.docPlace}` : ''}, ngày ${formatVnDate(fromDbDate(c.docDate))}</p>
  <p>Chủ đề chung: <strong>“${c.overallTheme}”</strong></p>
</section>
<section><h2>Các đợt thi đua</h2><ul>${phases}</ul></section>
${c.movements.length ? html`<section><h2>Các phong trào</h2><ul>${c.movements.map((m) => html`<li>${m}</li>`)}</ul></section>` : ''}
<section><h2>Báo cáo gửi Văn phòng Hiệp hội</h2><ul>${reports}</ul></section>
<section><h2>Toàn văn</h2><pre class="doc">${c.fullText}</pre></section>`,
  );
}
