import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { describeAudience } from '../../core/broadcasts/describe-audience';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { formatVnPhone } from '../../core/phone/format-vn-phone';
import type { BroadcastAdminRepository } from '../../db/prisma-broadcast-admin-repository';
import { csvDocument } from '../../lib/csv';
import { type AdminSession, forbiddenPage, isOfficeAdmin, notFoundPage, parseId, sendPage, visibleAreaId } from './admin-page';
import { checkAudience, checkDraft, type Draft, type DraftErrors, type DraftFields, fieldValues, readDraftFields } from './broadcast-form';
import { callListView, composerView, detailView, isActive, listView, previewView, reachText, recipientText, statusNames } from './broadcast-views';

export interface BroadcastPagesDeps {
  readonly repository: BroadcastAdminRepository;
  now(): Date;
  readonly timeZone: string;
  /** Where the plan's full text is linked from: PUBLIC_URL, or this machine. */
  readonly publicBaseUrl: string;
}

const PAGE_SIZE = 30;
const emptyFields: DraftFields = { title: '', body: '', audience: 'all', areaIds: [], memberTypes: [], periodId: '', when: 'now', scheduledAt: '' };

/**
 * The office's broadcasts under /admin/broadcasts: the list, composing with a live count, a
 * preview of exactly what members get, a test send, sending now or at a set time, the ready-made
 * plan and phase themes, and each broadcast's progress, results, call list and cancel. Composing
 * reads and writes the same rows as `npm run broadcast`; the workers send them.
 *
 * An area viewer sees the list, a broadcast's progress and results, and its call list limited to
 * their area; the composer, the count and every change are the office's (403).
 */
export const broadcastPages: FastifyPluginAsync<BroadcastPagesDeps> = async (app, deps) => {
  const { repository } = deps;

  app.get<{ Querystring: { page?: string } }>('/admin/broadcasts', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const requested = Number(request.query.page);
    const pageNumber = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
    const [{ total, broadcasts }, names] = await Promise.all([repository.list({ skip: (pageNumber - 1) * PAGE_SIZE, take: PAGE_SIZE }), repository.audienceNames()]);
    return sendPage(
      reply,
      200,
      'Thông báo',
      listView({
        session,
        broadcasts: broadcasts.map((b) => ({ ...b, audienceText: describeAudience(b.audience, names) })),
        total,
        page: pageNumber,
        pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        timeZone: deps.timeZone,
        canCompose: isOfficeAdmin(session),
      }),
    );
  });

  app.get('/admin/broadcasts/new', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'soạn thông báo');
    return composer(reply, session, emptyFields, {}, 200);
  });

  // Read-only, for the composer's live count: what the audience fields name, counted now.
  app.get('/admin/broadcasts/audience-count', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    reply.header('cache-control', 'no-store');
    if (!isOfficeAdmin(session)) return reply.code(403).send({ error: 'Tài khoản xem theo khu vực không soạn thông báo.' });
    const audience = checkAudience(readDraftFields(request.query), await knownIds());
    if (!audience.ok) return reply.code(400).send({ error: audience.error });
    const [reach, names] = await Promise.all([repository.reach(audience.value), repository.audienceNames()]);
    return reply.send({ ...reach, description: describeAudience(audience.value, names), text: reachText(reach) });
  });

  app.post('/admin/broadcasts/edit', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'soạn thông báo');
    return composer(reply, session, readDraftFields(request.body), {}, 200);
  });

  app.post('/admin/broadcasts/preview', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'soạn thông báo');
    const fields = readDraftFields(request.body);
    const checked = checkDraft(fields, await draftContext());
    if (!checked.ok) return composer(reply, session, fields, checked.errors, 400);
    return preview(reply, session, fields, checked.draft, {}, 200);
  });

  app.post('/admin/broadcasts', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'gửi thông báo');
    const fields = readDraftFields(request.body);
    const checked = checkDraft(fields, await draftContext());
    if (!checked.ok) return composer(reply, session, fields, checked.errors, 400);
    const { draft } = checked;
    const reach = await repository.reach(draft.audience);
    if (reach.members === 0) {
      return composer(reply, session, fields, { audience: 'Nhóm này hiện không có hội viên nào đang hoạt động; thông báo không được tạo.' }, 400);
    }
    const now = deps.now();
    const { id } = await repository.createAnnouncement({ ...draft, scheduledAt: draft.scheduledAt ?? now, now, adminUserId: session.adminUser.id });
    return reply.redirect(`/admin/broadcasts/${id}?done=${draft.scheduledAt ? 'scheduled' : 'created'}`, 303);
  });

  app.post('/admin/broadcasts/test-send', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'gửi thử thông báo');
    const fields = readDraftFields(request.body);
    const checked = checkDraft(fields, await draftContext());
    if (!checked.ok) return composer(reply, session, fields, checked.errors, 400);
    const choice = testRecipientChoice(request.body);
    if (!choice.ok) return preview(reply, session, fields, checked.draft, { error: choice.error, ...choice.typed }, 400);
    const result = await repository.testSend({ broadcastId: null, body: checked.draft.body, contactId: choice.contactId, now: deps.now(), adminUserId: session.adminUser.id });
    if (!result.ok) return preview(reply, session, fields, checked.draft, { error: testRefusal(result.reason, choice.contactId), ...choice.typed }, 400);
    return preview(reply, session, fields, checked.draft, { notice: `Đã xếp gửi thử tới ${recipientText(result.recipient)}; tin sẽ đến trong ít giây.`, ...choice.typed }, 200);
  });

  app.post('/admin/broadcasts/plan', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'gửi thông báo');
    const year = Number(fieldValues(request.body, 'year')[0]);
    const years = await repository.campaignYears();
    if (!years.includes(year)) return composer(reply, session, emptyFields, { readyMade: 'Không có kế hoạch thi đua đã công bố của năm này.' }, 400);
    if (!confirmed(request.body)) return composer(reply, session, emptyFields, { readyMade: 'Xin đánh dấu ô xác nhận gửi tới tất cả hội viên rồi bấm “Gửi kế hoạch”.' }, 400);
    const now = deps.now();
    const result = await repository.plan({ year, planPageUrl: `${deps.publicBaseUrl}/ke-hoach/${year}`, now, timeZone: deps.timeZone, adminUserId: session.adminUser.id });
    return reply.redirect(`/admin/broadcasts/${result.id}?done=${result.created ? 'created' : 'exists'}`, 303);
  });

  app.post('/admin/broadcasts/phase', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'gửi thông báo');
    const [yearText, ordinalText] = (fieldValues(request.body, 'phase')[0] ?? '').split('-');
    const phases = await repository.phases();
    const phase = phases.find((p) => String(p.campaign.year) === yearText && String(p.ordinal) === ordinalText);
    if (!phase) return composer(reply, session, emptyFields, { readyMade: 'Không có đợt thi đua này trong kế hoạch đã công bố.' }, 400);
    if (!confirmed(request.body)) return composer(reply, session, emptyFields, { readyMade: 'Xin đánh dấu ô xác nhận gửi tới tất cả hội viên rồi bấm “Gửi chủ đề đợt thi đua”.' }, 400);
    const result = await repository.phase({ year: phase.campaign.year, ordinal: phase.ordinal, now: deps.now(), adminUserId: session.adminUser.id });
    return reply.redirect(`/admin/broadcasts/${result.id}?done=${result.created ? 'created' : 'exists'}`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string; tested?: string } }>('/admin/broadcasts/:id', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const broadcast = await find(request.params.id);
    if (!broadcast) return notFound(reply);
    return detail(reply, session, broadcast, { notice: await noticeFor(request.query, broadcast) }, 200);
  });

  app.get<{ Params: { id: string } }>('/admin/broadcasts/:id/progress.json', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    reply.header('cache-control', 'no-store');
    const broadcast = await find(request.params.id);
    if (!broadcast) return reply.code(404).send({ error: 'Không có thông báo này.' });
    const p = await repository.progress(broadcast.id);
    return reply.send({
      id: broadcast.id,
      status: broadcast.status,
      statusText: statusNames[broadcast.status],
      active: isActive(broadcast.status),
      ...p,
      total: p.queued + p.sent + p.failed + p.cancelled,
    });
  });

  app.get<{ Params: { id: string } }>('/admin/broadcasts/:id/calls', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const broadcast = await find(request.params.id);
    if (!broadcast) return notFound(reply);
    const entries = await repository.callList(broadcast.id, visibleAreaId(session));
    const areaName = visibleAreaId(session) === undefined ? null : (session.adminUser.area?.name ?? 'chưa gán');
    return sendPage(reply, 200, `Cần gọi điện — thông báo số ${broadcast.id}`, callListView(broadcast, entries, areaName));
  });

  app.get<{ Params: { id: string } }>('/admin/broadcasts/:id/calls.csv', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    const broadcast = await find(request.params.id);
    if (!broadcast) return notFound(reply);
    const entries = await repository.callList(broadcast.id, visibleAreaId(session));
    const rows = entries.map((e) => [e.name, e.taxCode, e.area, e.contactPerson, e.phones.map(formatVnPhone).join('; '), e.reasons.join('; ')]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="goi-dien-thong-bao-${broadcast.id}.csv"`)
      .header('cache-control', 'no-store')
      .send(csvDocument([['Tên hội viên', 'Mã số thuế', 'Khu vực', 'Người đại diện', 'Điện thoại', 'Lý do'], ...rows]));
  });

  app.post<{ Params: { id: string } }>('/admin/broadcasts/:id/test-send', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'gửi thử thông báo');
    const broadcast = await find(request.params.id);
    if (!broadcast) return notFound(reply);
    const choice = testRecipientChoice(request.body);
    if (!choice.ok) return detail(reply, session, broadcast, { error: choice.error }, 400);
    const result = await repository.testSend({ broadcastId: broadcast.id, body: broadcast.body, contactId: choice.contactId, now: deps.now(), adminUserId: session.adminUser.id });
    if (!result.ok) return detail(reply, session, broadcast, { error: testRefusal(result.reason, choice.contactId) }, 400);
    return reply.redirect(`/admin/broadcasts/${broadcast.id}?tested=${result.recipient.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/admin/broadcasts/:id/cancel', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'dừng thông báo');
    const broadcast = await find(request.params.id);
    if (!broadcast) return notFound(reply);
    if (!confirmed(request.body)) {
      return detail(reply, session, broadcast, { error: 'Xin đánh dấu ô xác nhận rồi bấm “Dừng gửi”.' }, 400);
    }
    const result = await repository.cancel(broadcast.id, session.adminUser.id, deps.now());
    if (!result) {
      const now = (await repository.findById(broadcast.id)) ?? broadcast;
      return detail(reply, session, now, { error: `Thông báo này không còn gì để dừng (${statusNames[now.status].toLocaleLowerCase('vi')}).` }, 409);
    }
    return reply.redirect(`/admin/broadcasts/${broadcast.id}?done=cancelled`, 303);
  });

  async function find(id: string) {
    const parsed = parseId(id);
    return parsed === null ? null : repository.findById(parsed);
  }

  async function knownIds() {
    const [areas, periods] = await Promise.all([repository.areas(), repository.periods()]);
    return { areaIds: new Set(areas.map((a) => a.id)), periodIds: new Set(periods.map((p) => p.id)) };
  }

  async function draftContext() {
    return { ...(await knownIds()), now: deps.now(), timeZone: deps.timeZone };
  }

  async function composer(reply: FastifyReply, session: AdminSession, fields: DraftFields, errors: DraftErrors, status: number) {
    const [areas, periods, phases, years, everyone] = await Promise.all([
      repository.areas(),
      repository.periods(),
      repository.phases(),
      repository.campaignYears(),
      repository.reach({ kind: 'all' }),
    ]);
    const now = deps.now();
    const defaultPeriod = periods.find((p) => p.deadlineAt > now) ?? periods[0];
    const audience = checkAudience(fields.periodId || !defaultPeriod ? fields : { ...fields, periodId: String(defaultPeriod.id) }, {
      areaIds: new Set(areas.map((a) => a.id)),
      periodIds: new Set(periods.map((p) => p.id)),
    });
    return sendPage(
      reply,
      status,
      'Soạn thông báo',
      composerView({
        session,
        fields,
        errors,
        areas,
        periods,
        defaultPeriodId: defaultPeriod?.id,
        reach: audience.ok ? await repository.reach(audience.value) : null,
        readyMade: { years, phases: phases.map((p) => ({ year: p.campaign.year, ordinal: p.ordinal, name: p.name, theme: p.theme })), everyone },
      }),
    );
  }

  async function preview(
    reply: FastifyReply,
    session: AdminSession,
    fields: DraftFields,
    draft: Draft,
    test: { notice?: string; error?: string; contactId?: string; contactIdText?: string },
    status: number,
  ) {
    const [reach, names, staff] = await Promise.all([repository.reach(draft.audience), repository.audienceNames(), repository.staffContacts()]);
    return sendPage(
      reply,
      status,
      'Xem trước thông báo',
      previewView({
        session,
        fields,
        title: draft.title,
        body: draft.body,
        audienceText: describeAudience(draft.audience, names),
        reach,
        scheduledAt: draft.scheduledAt,
        timeZone: deps.timeZone,
        staff,
        test,
      }),
    );
  }

  async function detail(
    reply: FastifyReply,
    session: AdminSession,
    broadcast: NonNullable<Awaited<ReturnType<BroadcastAdminRepository['findById']>>>,
    messages: { notice?: string; error?: string },
    status: number,
  ) {
    const canChange = isOfficeAdmin(session);
    const [names, progress, stats, calls, staff, reach] = await Promise.all([
      repository.audienceNames(),
      repository.progress(broadcast.id),
      repository.stats(broadcast.id),
      repository.callList(broadcast.id, visibleAreaId(session)),
      canChange ? repository.staffContacts() : Promise.resolve([]),
      broadcast.status === 'scheduled' ? repository.reach(broadcast.audience) : Promise.resolve(null),
    ]);
    return sendPage(
      reply,
      status,
      `Thông báo số ${broadcast.id}`,
      detailView({
        session,
        broadcast,
        audienceText: describeAudience(broadcast.audience, names),
        progress,
        stats,
        reach,
        callCount: calls.length,
        timeZone: deps.timeZone,
        canChange,
        staff,
        ...messages,
      }),
    );
  }

  async function noticeFor(query: { done?: string; tested?: string }, broadcast: { status: string; scheduledAt: Date | null }): Promise<string | undefined> {
    switch (query.done) {
      case 'created':
        return 'Đã xếp thông báo vào hàng gửi; việc gửi bắt đầu trong ít giây.';
      case 'scheduled':
        return broadcast.scheduledAt ? `Đã hẹn giờ gửi lúc ${formatVnDateTime(broadcast.scheduledAt, deps.timeZone)}.` : undefined;
      case 'exists':
        return 'Thông báo này đã được xếp gửi trước đó nên không tạo thêm.';
      case 'cancelled':
        return 'Đã dừng thông báo: những tin chưa gửi sẽ không được gửi.';
    }
    const tested = query.tested === undefined ? null : parseId(query.tested);
    if (tested !== null) {
      const contact = await repository.findContact(tested);
      if (contact) return `Đã xếp gửi thử tới ${recipientText(contact)}; tin sẽ đến trong ít giây.`;
    }
    return undefined;
  }
};

/** The test's recipient: the contact id typed, else the one picked from the list. */
function testRecipientChoice(body: unknown): { ok: true; contactId: number; typed: { contactId?: string; contactIdText?: string } } | { ok: false; error: string; typed: { contactId?: string; contactIdText?: string } } {
  const picked = (fieldValues(body, 'contactId')[0] ?? '').trim();
  const typedText = (fieldValues(body, 'contactIdText')[0] ?? '').trim();
  const typed = { contactId: picked, contactIdText: typedText };
  const chosen = typedText || picked;
  if (chosen === '') return { ok: false, error: 'Xin chọn người nhận tin gửi thử, hoặc nhập mã người liên hệ.', typed };
  const id = parseId(chosen.replace(/^số\s*/i, ''));
  if (id === null) return { ok: false, error: `“${chosen}” không phải mã người liên hệ (một số, ví dụ 12).`, typed };
  return { ok: true, contactId: id, typed };
}

function testRefusal(reason: 'no_contact' | 'blocked', contactId: number): string {
  return reason === 'no_contact'
    ? `Không có người liên hệ số ${contactId}.`
    : `Người liên hệ số ${contactId} đã chặn hoặc bỏ theo dõi, không gửi thử tới họ được.`;
}

function confirmed(body: unknown): boolean {
  return fieldValues(body, 'confirm').includes('yes');
}

function notFound(reply: FastifyReply) {
  return notFoundPage(reply, 'Không có thông báo này.', { href: '/admin/broadcasts', label: 'Danh sách thông báo' });
}
