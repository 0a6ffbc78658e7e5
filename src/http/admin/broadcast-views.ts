import { BROADCAST_TEXT_MAX } from '../../core/broadcasts/broadcast-text';
import { channelNames } from '../../core/channel-names';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { memberTypeNames } from '../../core/members/member-names';
import { groupThousands } from '../../core/money/group-thousands';
import type { ChannelId } from '../../core/messages';
import { formatVnPhone } from '../../core/phone/format-vn-phone';
import type { BroadcastAdminRepository, ProgressCounts } from '../../db/prisma-broadcast-admin-repository';
import type { TestRecipient } from '../../db/queue-test-send';
import { html, SafeHtml } from '../html';
import { type AdminSession, csrfField } from './admin-page';
import { type DraftErrors, type DraftFields, TITLE_MAX } from './broadcast-form';

type Repository = BroadcastAdminRepository;
type Broadcast = NonNullable<Awaited<ReturnType<Repository['findById']>>>;
type Reach = Awaited<ReturnType<Repository['reach']>>;
type Stats = Awaited<ReturnType<Repository['stats']>>;
type CallEntry = Awaited<ReturnType<Repository['callList']>>[number];

export const statusNames: Readonly<Record<Broadcast['status'], string>> = {
  draft: 'Bản nháp',
  scheduled: 'Chờ đến giờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi xong',
  cancelled: 'Đã dừng',
};
const kindNames: Readonly<Record<Broadcast['kind'], string>> = {
  announcement: 'Thông báo',
  plan: 'Kế hoạch thi đua',
  phase_theme: 'Chủ đề đợt thi đua',
  reminder: 'Nhắc hạn báo cáo',
  notice: 'Tin báo',
};
const roleNames: Readonly<Record<TestRecipient['role'], string>> = { member: 'hội viên', unit_head: 'phụ trách khu vực', office: 'Văn phòng' };

/** While these last, the broadcast page follows the progress. */
export function isActive(status: Broadcast['status']): boolean {
  return status === 'scheduled' || status === 'sending';
}

/** The count line under the audience choice, and in the count endpoint's answer. */
export function reachText(reach: Reach): string {
  const base = `Sẽ gửi tới ${reach.contacts} người liên hệ của ${reach.members} hội viên`;
  return reach.unreachable > 0 ? `${base}; ${reach.unreachable} hội viên chưa có kênh liên lạc nào (vào danh sách cần gọi điện).` : `${base}.`;
}

/** Who a test went to, so the office knows where to look for it. */
export function recipientText(r: TestRecipient): string {
  const who = [channelNames[r.channel], roleNames[r.role], ...(r.memberName ? [r.memberName] : []), `người liên hệ số ${r.id}`].join(', ');
  return `${r.displayName ?? 'Người liên hệ chưa có tên'} (${who})`;
}

export interface ComposerData {
  readonly session: AdminSession;
  readonly fields: DraftFields;
  readonly errors: DraftErrors;
  readonly areas: ReadonlyArray<{ id: number; name: string }>;
  readonly periods: ReadonlyArray<{ id: number; name: string; deadlineText: string }>;
  readonly defaultPeriodId: number | undefined;
  /** The count for the fields as they are, when they name an audience. */
  readonly reach: Reach | null;
  readonly readyMade: { readonly years: readonly number[]; readonly phases: ReadonlyArray<{ year: number; ordinal: number; name: string; theme: string }>; readonly everyone: Reach };
}

/** The composer: text, audience with a live count, when; and the ready-made broadcasts. */
export function composerView(d: ComposerData): SafeHtml {
  const { fields, errors } = d;
  const checked = (on: boolean) => (on ? html` checked` : '');
  const periodId = fields.periodId || String(d.defaultPeriodId ?? '');
  const summary = [errors.title, errors.body, errors.audience, errors.scheduledAt].filter((e): e is string => e !== undefined);
  return html`<section><p><a href="/admin/broadcasts">← Danh sách thông báo</a></p>
${summary.length ? html`<div class="error" role="alert"><p>Chưa gửi được, xin sửa:</p><ul>${summary.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<form id="composer" method="post" action="/admin/broadcasts/preview">${csrfField(d.session)}
<p><label>Tiêu đề (chỉ để Văn phòng theo dõi, không gửi đi)<br><input name="title" maxlength="${TITLE_MAX}" value="${fields.title}" style="width:100%"></label>${fieldError(errors.title)}</p>
<p><label for="body">Nội dung gửi hội viên</label><br><textarea id="body" name="body" rows="8" maxlength="${BROADCAST_TEXT_MAX}" style="width:100%">${fields.body}</textarea>
<br><span class="muted"><span id="body-count">${fields.body.length}</span>/${groupThousands(BigInt(BROADCAST_TEXT_MAX))} ký tự</span>${fieldError(errors.body)}</p>
<fieldset style="min-width:0"><legend>Gửi tới</legend>
<p><label><input type="radio" name="audience" value="all"${checked(fields.audience === 'all')}> Tất cả hội viên</label></p>
<p><label><input type="radio" name="audience" value="areas"${checked(fields.audience === 'areas')}> Hội viên các khu vực:</label><br>${d.areas.map(
    (a) => html`<label style="display:inline-block;margin-right:12px"><input type="checkbox" name="areaId" value="${a.id}" data-pick="audience=areas"${checked(fields.areaIds.includes(String(a.id)))}> ${a.name}</label> `,
  )}</p>
<p><label><input type="radio" name="audience" value="member_types"${checked(fields.audience === 'member_types')}> Theo loại hội viên:</label><br>${Object.entries(memberTypeNames).map(
    ([type, name]) => html`<label style="display:inline-block;margin-right:12px"><input type="checkbox" name="memberType" value="${type}" data-pick="audience=member_types"${checked(fields.memberTypes.includes(type))}> ${name}</label> `,
  )}</p>
<p><label><input type="radio" name="audience" value="not_submitted"${checked(fields.audience === 'not_submitted')}> Hội viên chưa nộp báo cáo kỳ:</label>
<select name="periodId" data-pick="audience=not_submitted" style="max-width:100%">${d.periods.map(
    (p) => html`<option value="${p.id}"${String(p.id) === periodId ? html` selected` : ''}>${p.name} (hạn ${p.deadlineText})</option>`,
  )}</select></p>
${fieldError(errors.audience)}
<p id="audience-count" class="muted" aria-live="polite">${d.reach ? reachText(d.reach) : 'Bấm “Xem trước” để đếm số người nhận.'}</p>
</fieldset>
<fieldset style="min-width:0"><legend>Thời điểm gửi</legend>
<p><label><input type="radio" name="when" value="now"${checked(fields.when !== 'later')}> Gửi ngay khi xác nhận</label></p>
<p><label><input type="radio" name="when" value="later"${checked(fields.when === 'later')}> Hẹn giờ (giờ Việt Nam):</label>
<input name="scheduledAt" value="${fields.scheduledAt}" placeholder="05/07/2022 08:00" size="18" data-pick="when=later" aria-label="Ngày giờ gửi, ngày/tháng/năm giờ:phút">${fieldError(errors.scheduledAt)}</p>
</fieldset>
<p><button>Xem trước →</button></p>
</form></section>
${readyMadeView(d)}
${composerScript}`;
}

function readyMadeView(d: ComposerData): SafeHtml {
  const { years, phases, everyone } = d.readyMade;
  if (years.length === 0) return html``;
  const confirm = html`<label><input type="checkbox" name="confirm" value="yes" required> Gửi tới tất cả hội viên (${everyone.contacts} người liên hệ của ${everyone.members} hội viên)</label>`;
  return html`<section><h2>Thông báo soạn sẵn</h2>
<p class="muted">Gửi ngay tới tất cả hội viên, mỗi thứ một lần; nếu đã xếp gửi trước đó thì không gửi lại.</p>${d.errors.readyMade ? html`<p class="error" role="alert">${d.errors.readyMade}</p>` : ''}
<form method="post" action="/admin/broadcasts/plan">${csrfField(d.session)}
<p><label>Gửi kế hoạch thi đua năm <select name="year" style="max-width:100%">${years.map((y) => html`<option value="${y}">${y}</option>`)}</select></label> (tóm tắt và đường dẫn tới toàn văn)</p>
<p>${confirm}</p><p><button>Gửi kế hoạch</button></p></form>
${
  phases.length
    ? html`<form method="post" action="/admin/broadcasts/phase">${csrfField(d.session)}
<p><label>Gửi chủ đề <select name="phase" style="max-width:100%">${phases.map((p) => html`<option value="${p.year}-${p.ordinal}">${p.name} năm ${p.year}: ${p.theme.length > 60 ? `${p.theme.slice(0, 60)}…` : p.theme}</option>`)}</select></label></p>
<p>${confirm}</p><p><button>Gửi chủ đề đợt thi đua</button></p></form>`
    : ''
}</section>`;
}

export interface PreviewData {
  readonly session: AdminSession;
  readonly fields: DraftFields;
  readonly title: string;
  readonly body: string;
  readonly audienceText: string;
  readonly reach: Reach;
  readonly scheduledAt: Date | null;
  readonly timeZone: string;
  readonly staff: ReadonlyArray<{ id: number; channel: ChannelId; displayName: string | null; role: TestRecipient['role'] }>;
  readonly test: { readonly notice?: string; readonly error?: string; readonly contactId?: string; readonly contactIdText?: string };
}

/** Exactly what members will get, to whom, and when; then save it, go back, or send a test. */
export function previewView(d: PreviewData): SafeHtml {
  const hidden = draftHiddenFields(d.fields);
  const noOne = d.reach.members === 0;
  return html`<section><p><a href="/admin/broadcasts">← Danh sách thông báo</a></p>
<h2>Xem trước</h2>
<p>Người nhận: <strong>${d.audienceText}</strong> — <strong>${d.reach.contacts}</strong> người liên hệ của <strong>${d.reach.members}</strong> hội viên (đếm lúc này).</p>
${d.reach.unreachable > 0 ? html`<p><strong>${d.reach.unreachable}</strong> hội viên chưa có kênh liên lạc nào: họ sẽ vào danh sách cần gọi điện của thông báo này.</p>` : ''}
${noOne ? html`<p class="error" role="alert">Nhóm này hiện không có hội viên nào đang hoạt động; xin chọn nhóm khác.</p>` : ''}
<p>Thời điểm: <strong>${d.scheduledAt ? `hẹn gửi lúc ${formatVnDateTime(d.scheduledAt, d.timeZone)}` : 'gửi ngay khi bấm “Gửi”'}</strong></p>
<p>Tiêu đề (chỉ Văn phòng thấy): ${d.title}</p>
<p>Mỗi người nhận được đúng tin sau:</p>
${messageBox(d.body)}
<form method="post" action="/admin/broadcasts" onsubmit="var b=this.querySelectorAll('button');setTimeout(function(){for(var i=0;i<b.length;i+=1)b[i].disabled=true;},0)">${csrfField(d.session)}${hidden}
<p>${noOne ? '' : html`<button>${d.scheduledAt ? 'Hẹn giờ gửi' : `Gửi ngay tới ${d.reach.members} hội viên`}</button> `}<button formaction="/admin/broadcasts/edit">← Sửa lại</button></p>
</form></section>
<section><h2>Gửi thử</h2>
${d.test.notice ? html`<p class="ok" role="status">${d.test.notice}</p>` : ''}${d.test.error ? html`<p class="error" role="alert">${d.test.error}</p>` : ''}
<form method="post" action="/admin/broadcasts/test-send">${csrfField(d.session)}${hidden}
${testSendFields(d.staff, d.test)}
</form></section>`;
}

function testSendFields(staff: PreviewData['staff'], test: PreviewData['test']): SafeHtml {
  return html`<p><label>Gửi thử tới <select name="contactId" style="max-width:100%"><option value="">— chọn người nhận —</option>${staff.map(
    (c) =>
      html`<option value="${c.id}"${test.contactId === String(c.id) ? html` selected` : ''}>${c.displayName ?? 'Chưa có tên'} — ${channelNames[c.channel]}, ${roleNames[c.role]} (số ${c.id})</option>`,
  )}</select></label></p>
<p><label>hoặc nhập mã người liên hệ <input name="contactIdText" value="${test.contactIdText ?? ''}" size="8" inputmode="numeric"></label> <button>Gửi thử</button></p>
<p class="muted">Tin gửi thử có chữ “[Gửi thử]” ở đầu và không tính vào tiến độ gửi.</p>`;
}

export interface ListData {
  readonly session: AdminSession;
  readonly broadcasts: ReadonlyArray<Awaited<ReturnType<Repository['list']>>['broadcasts'][number] & { audienceText: string }>;
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly timeZone: string;
  readonly canCompose: boolean;
}

export function listView(d: ListData): SafeHtml {
  const rows = d.broadcasts.map((b) => {
    const total = b.counts.queued + b.counts.sent + b.counts.failed + b.counts.cancelled;
    return html`<tr><td>${b.id}</td><td><a href="/admin/broadcasts/${b.id}">${b.title}</a><br><span class="muted">${kindNames[b.kind]}</span></td><td>${b.audienceText}</td><td>${statusNames[b.status]}</td><td>${b.scheduledAt ? formatVnDateTime(b.scheduledAt, d.timeZone) : ''}</td><td class="num">${total ? `${b.counts.sent}/${total}` : ''}${b.counts.failed ? html`<br><span class="error">${b.counts.failed} lỗi</span>` : ''}</td></tr>`;
  });
  const nav: SafeHtml[] = [];
  if (d.page > 1) nav.push(html`<a href="/admin/broadcasts${d.page > 2 ? `?page=${d.page - 1}` : ''}">← Trang trước</a>`);
  if (d.page < d.pages) nav.push(html`<a href="/admin/broadcasts?page=${d.page + 1}">Trang sau →</a>`);
  return html`<section><p><a href="/admin">← Trang quản trị</a>${d.canCompose ? html` · <a href="/admin/broadcasts/new"><strong>Soạn thông báo mới</strong></a>` : ''}</p>
<p>${d.total} thông báo · Trang ${d.page}/${d.pages}</p>${
    rows.length
      ? html`<div class="table-scroll"><table><tr><th>Số</th><th>Tiêu đề</th><th>Người nhận</th><th>Trạng thái</th><th>Gửi lúc</th><th class="num">Đã gửi</th></tr>${rows}</table></div>`
      : html`<p>Chưa có thông báo nào.</p>`
  }
<p>${nav.map((l, i) => (i > 0 ? html` · ${l}` : l))}</p></section>`;
}

export interface DetailData {
  readonly session: AdminSession;
  readonly broadcast: Broadcast;
  readonly audienceText: string;
  readonly progress: ProgressCounts;
  readonly stats: Stats | null;
  /** What a broadcast still waiting for its time would reach now. */
  readonly reach: Reach | null;
  readonly callCount: number;
  readonly timeZone: string;
  readonly canChange: boolean;
  readonly staff: PreviewData['staff'];
  readonly notice?: string;
  readonly error?: string;
}

/** One broadcast: what, to whom, when, its progress (followed live), the results and the actions. */
export function detailView(d: DetailData): SafeHtml {
  const b = d.broadcast;
  const when = (at: Date | null) => (at ? formatVnDateTime(at, d.timeZone) : '');
  const active = isActive(b.status);
  const p = d.progress;
  const total = p.queued + p.sent + p.failed + p.cancelled;
  const timeRow = (label: string, at: Date | null) => (at ? html`<tr><th>${label}</th><td>${when(at)}</td></tr>` : '');
  return html`<section><p><a href="/admin/broadcasts">← Danh sách thông báo</a></p>
${d.notice ? html`<p class="ok" role="status">${d.notice}</p>` : ''}${d.error ? html`<p class="error" role="alert">${d.error}</p>` : ''}
<table>
<tr><th>Số</th><td>${b.id}</td></tr>
<tr><th>Tiêu đề</th><td>${b.title}</td></tr>
<tr><th>Loại</th><td>${kindNames[b.kind]}</td></tr>
<tr><th>Người nhận</th><td>${d.audienceText}</td></tr>
<tr><th>Trạng thái</th><td>${statusNames[b.status]}</td></tr>
${timeRow(b.status === 'scheduled' ? 'Hẹn gửi lúc' : 'Gửi lúc', b.scheduledAt)}${timeRow('Bắt đầu gửi', b.startedAt)}${timeRow('Gửi xong', b.finishedAt)}${timeRow('Dừng lúc', b.cancelledAt)}
<tr><th>Người tạo</th><td>${b.createdBy?.displayName ?? 'Lịch tự động hoặc dòng lệnh'}</td></tr>
</table></section>
<section id="progress" data-url="/admin/broadcasts/${b.id}/progress.json" data-status="${b.status}"><h2>Tiến độ gửi</h2>
<p><progress id="p-bar" max="${Math.max(total, 1)}" value="${p.sent + p.failed + p.cancelled}" style="width:100%"></progress></p>
<p><span id="p-status">${statusNames[b.status]}</span>: đã gửi <strong id="p-sent">${p.sent}</strong> · lỗi <strong id="p-failed">${p.failed}</strong> · đang chờ <strong id="p-queued">${p.queued}</strong> · đã hủy <strong id="p-cancelled">${p.cancelled}</strong> · tổng <strong id="p-total">${total}</strong> tin</p>
${d.reach && total === 0 ? html`<p>Dự kiến: ${reachText(d.reach)}</p>` : ''}
${active ? html`<p class="muted">Trang tự cập nhật mỗi 2 giây. <a href="/admin/broadcasts/${b.id}">Tải lại</a></p><noscript><meta http-equiv="refresh" content="5"></noscript>` : ''}
</section>
${d.stats && total > 0 ? statsView(b.id, d.stats, d.callCount) : ''}
<section><h2>Nội dung gửi hội viên</h2>${messageBox(b.body)}</section>
${
  d.canChange && b.status !== 'cancelled'
    ? html`<section><h2>Gửi thử</h2><form method="post" action="/admin/broadcasts/${b.id}/test-send">${csrfField(d.session)}${testSendFields(d.staff, {})}</form></section>`
    : ''
}
${
  d.canChange && active
    ? html`<section><h2>Dừng gửi</h2><form method="post" action="/admin/broadcasts/${b.id}/cancel">${csrfField(d.session)}
<p><label><input type="checkbox" name="confirm" value="yes" required> Tôi muốn dừng thông báo này: những tin chưa gửi sẽ không được gửi (tin đã gửi không thu hồi được).</label></p>
<p><button>Dừng gửi</button></p></form></section>`
    : ''
}
${active ? progressScript : ''}`;
}

function statsView(id: number, stats: Stats, callCount: number): SafeHtml {
  const rows = stats.byChannel.map(
    (r) => html`<tr><td>${r.channel ? channelNames[r.channel] : 'Không có kênh'}</td><td class="num">${r.sent}</td><td class="num">${r.failed}</td><td class="num">${r.queued}</td><td class="num">${r.cancelled}</td></tr>`,
  );
  const failures = stats.failures.map((f) => html`<tr><td>${f.reason}</td><td class="num">${f.count}</td></tr>`);
  return html`<section><h2>Kết quả theo kênh</h2>
<div class="table-scroll"><table><tr><th>Kênh</th><th class="num">Đã gửi</th><th class="num">Lỗi</th><th class="num">Đang chờ</th><th class="num">Đã hủy</th></tr>${rows}</table></div>
${failures.length ? html`<h2 style="margin-top:16px">Lý do không gửi được</h2><table><tr><th>Kênh và lý do</th><th class="num">Số tin</th></tr>${failures}</table>` : ''}
<p style="margin-top:12px">Hội viên không nhận được trên kênh nào: <strong>${callCount}</strong>${
    callCount > 0 ? html` — <a href="/admin/broadcasts/${id}/calls">Danh sách cần gọi điện</a> · <a href="/admin/broadcasts/${id}/calls.csv">Tải CSV</a>` : ''
  }</p></section>`;
}

/** The members to phone for one broadcast, with the numbers to try and why. */
export function callListView(b: Broadcast, entries: readonly CallEntry[], areaName: string | null): SafeHtml {
  const rows = entries.map(
    (e) =>
      html`<tr><td>${e.name}</td><td>${e.taxCode ?? ''}</td><td>${e.area ?? ''}</td><td>${e.contactPerson ?? ''}</td><td>${e.phones.map(
        (phone, i) => html`${i > 0 ? html`<br>` : ''}<a href="tel:${phone}">${formatVnPhone(phone)}</a>`,
      )}</td><td>${e.reasons.join('; ')}</td></tr>`,
  );
  return html`<section><p><a href="/admin/broadcasts/${b.id}">← Thông báo số ${b.id}: ${b.title}</a></p>
<p>${areaName ? `Khu vực ${areaName}: ` : ''}<strong>${entries.length}</strong> hội viên không nhận được thông báo này trên kênh nào. <a href="/admin/broadcasts/${b.id}/calls.csv">Tải CSV</a></p>${
    rows.length
      ? html`<div class="table-scroll"><table><tr><th>Hội viên</th><th>MST</th><th>Khu vực</th><th>Người đại diện</th><th>Điện thoại</th><th>Lý do</th></tr>${rows}</table></div>`
      : html`<p>Không có hội viên nào cần gọi.</p>`
  }</section>`;
}

/** The draft carried from the preview to the save, the edit and the test, as hidden fields. */
function draftHiddenFields(f: DraftFields): SafeHtml {
  const field = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`${field('title', f.title)}${field('body', f.body)}${field('audience', f.audience)}${f.areaIds.map((id) => field('areaId', id))}${f.memberTypes.map((t) =>
    field('memberType', t),
  )}${field('periodId', f.periodId)}${field('when', f.when)}${field('scheduledAt', f.scheduledAt)}`;
}

/** The text as a chat bubble: line breaks kept, nothing interpreted. */
function messageBox(body: string): SafeHtml {
  return html`<div style="background:#e8f1fb;border-radius:12px;padding:10px 14px;max-width:520px"><pre class="doc">${body}</pre></div>`;
}

function fieldError(message: string | undefined): SafeHtml {
  return message ? html`<br><span class="error">${message}</span>` : html``;
}

// The scripts are plain strings, not templates: nothing is interpolated into them.
const composerScript = new SafeHtml(`<script>
(function () {
  var form = document.getElementById('composer');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var body = form.elements.namedItem('body');
  var count = document.getElementById('body-count');
  var out = document.getElementById('audience-count');
  var keys = ['audience', 'areaId', 'memberType', 'periodId'];
  var timer = 0;
  function countChars() { count.textContent = String(body.value.length); }
  function pick(target) {
    var spec = target.getAttribute && target.getAttribute('data-pick');
    if (!spec) return;
    var parts = spec.split('=');
    var radio = form.querySelector('input[type=radio][name="' + parts[0] + '"][value="' + parts[1] + '"]');
    if (radio) radio.checked = true;
  }
  function refresh() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (keys.indexOf(key) >= 0) query.append(key, String(value)); });
    out.textContent = 'Đang đếm…';
    fetch('/admin/broadcasts/audience-count?' + query.toString(), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (d) { out.textContent = d.error || d.text; })
      .catch(function () { out.textContent = 'Chưa đếm được; bấm “Xem trước” để xem số người nhận.'; });
  }
  body.addEventListener('input', countChars);
  form.addEventListener('input', function (e) { pick(e.target); });
  form.addEventListener('change', function (e) {
    pick(e.target);
    if (keys.indexOf(e.target.name) >= 0) { clearTimeout(timer); timer = setTimeout(refresh, 250); }
  });
  countChars();
})();
</script>`);

const progressScript = new SafeHtml(`<script>
(function () {
  var box = document.getElementById('progress');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-url');
  var status = box.getAttribute('data-status');
  function set(id, value) { var el = document.getElementById(id); if (el) el.textContent = String(value); }
  function tick() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        // Finished or stopped: show the results, without the notice of the action that led here.
        if (p.status !== status && !p.active) { location.replace(location.pathname); return; }
        ['sent', 'failed', 'queued', 'cancelled', 'total'].forEach(function (k) { set('p-' + k, p[k]); });
        set('p-status', p.statusText);
        var bar = document.getElementById('p-bar');
        if (bar) { bar.max = Math.max(p.total, 1); bar.value = p.sent + p.failed + p.cancelled; }
        setTimeout(tick, 2000);
      })
      .catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 2000);
})();
</script>`);
