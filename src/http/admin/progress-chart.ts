import type { AreaProgress } from '../../flows/conversation-repository';
import { html, type SafeHtml } from '../html';

const ROW = 28;
const LABEL = 170;
const BAR = 420;

/**
 * Each area as a bar split into on time, late and not yet: server-rendered SVG, no script, readable
 * on a phone (it scales to the page's width). Names are escaped like any other text.
 */
export function progressChart(rows: readonly AreaProgress[]): SafeHtml {
  const height = rows.length * ROW + 30;
  const bars = rows.map((row, i) => {
    const y = i * ROW;
    const total = Math.max(row.members, 1);
    const onTime = (row.onTime / total) * BAR;
    const late = (row.late / total) * BAR;
    const notYet = BAR - onTime - late;
    return html`<g transform="translate(0 ${y})">
  <text x="${LABEL - 8}" y="18" text-anchor="end" font-size="13">${row.areaName}</text>
  <rect x="${LABEL}" y="4" width="${onTime.toFixed(1)}" height="20" fill="#2e7d32"><title>Đúng hạn: ${row.onTime}</title></rect>
  <rect x="${(LABEL + onTime).toFixed(1)}" y="4" width="${late.toFixed(1)}" height="20" fill="#ef8f00"><title>Trễ hạn: ${row.late}</title></rect>
  <rect x="${(LABEL + onTime + late).toFixed(1)}" y="4" width="${notYet.toFixed(1)}" height="20" fill="#cfd8dc"><title>Chưa nộp: ${row.notYet.length}</title></rect>
  <text x="${LABEL + BAR + 6}" y="18" font-size="13">${row.onTime + row.late}/${row.members}</text>
</g>`;
  });
  return html`<svg role="img" aria-label="Tiến độ nộp báo cáo theo khu vực" viewBox="0 0 ${LABEL + BAR + 60} ${height}" width="100%" style="max-width:680px">
${bars}
<g transform="translate(${LABEL} ${rows.length * ROW + 8})" font-size="12">
  <rect width="12" height="12" fill="#2e7d32"/><text x="16" y="11">Đúng hạn</text>
  <rect x="90" width="12" height="12" fill="#ef8f00"/><text x="106" y="11">Trễ hạn</text>
  <rect x="175" width="12" height="12" fill="#cfd8dc"/><text x="191" y="11">Chưa nộp</text>
</g>
</svg>`;
}
