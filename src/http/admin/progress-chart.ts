import type { AreaProgress } from '../../flows/conversation-repository';
import { html, type SafeHtml } from '../html';

const WIDTH = 360;
const ROW = 46;
const BAR_Y = 20;
const BAR_HEIGHT = 18;

/**
 * Each area as a bar split into on time, late and not yet: server-rendered SVG, no script. The
 * area's name and count sit above its bar, so the drawing stays narrow: on a phone it is shown
 * near its own size and its text stays readable, rather than a wide drawing shrunk to fit. Names
 * are escaped like any other text.
 */
export function progressChart(rows: readonly AreaProgress[]): SafeHtml {
  const height = rows.length * ROW + 24;
  const bars = rows.map((row, i) => {
    const total = Math.max(row.members, 1);
    const onTime = (row.onTime / total) * WIDTH;
    const late = (row.late / total) * WIDTH;
    const notYet = WIDTH - onTime - late;
    return html`<g transform="translate(0 ${i * ROW})">
  <text x="0" y="14" font-size="13">${row.areaName}</text>
  <text x="${WIDTH}" y="14" font-size="13" text-anchor="end">${row.onTime + row.late}/${row.members}</text>
  <rect x="0" y="${BAR_Y}" width="${onTime.toFixed(1)}" height="${BAR_HEIGHT}" fill="#2e7d32"><title>Đúng hạn: ${row.onTime}</title></rect>
  <rect x="${onTime.toFixed(1)}" y="${BAR_Y}" width="${late.toFixed(1)}" height="${BAR_HEIGHT}" fill="#ef8f00"><title>Trễ hạn: ${row.late}</title></rect>
  <rect x="${(onTime + late).toFixed(1)}" y="${BAR_Y}" width="${notYet.toFixed(1)}" height="${BAR_HEIGHT}" fill="#cfd8dc"><title>Chưa nộp: ${row.notYet.length}</title></rect>
</g>`;
  });
  return html`<svg role="img" aria-label="Tiến độ nộp báo cáo theo khu vực" viewBox="0 0 ${WIDTH} ${height}" width="100%" style="max-width:460px;display:block">
${bars}
<g transform="translate(0 ${rows.length * ROW + 6})" font-size="12">
  <rect width="12" height="12" fill="#2e7d32"/><text x="16" y="11">Đúng hạn</text>
  <rect x="90" width="12" height="12" fill="#ef8f00"/><text x="106" y="11">Trễ hạn</text>
  <rect x="175" width="12" height="12" fill="#cfd8dc"/><text x="191" y="11">Chưa nộp</text>
</g>
</svg>`;
}
