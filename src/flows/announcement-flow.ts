import { z } from 'zod';
import { type Audience, audienceSchema } from '../core/broadcasts/audience';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import type { InboundMessage, Reply } from '../core/messages';
import { continueWith, done, type Flow, type FlowContext, type FlowStep } from './flow';
import { type ChoiceOption, matchChoice, toChoices } from './match-choice';
import { periodUnderWay } from './progress-reply';

/**
 * `/thongbao` for office staff: an announcement composed in the chat — its text, who gets it,
 * a preview with the number of recipients — and queued as a broadcast for the delivery workers.
 */
const stateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('text') }),
  z.object({ step: z.literal('audience'), body: z.string() }),
  z.object({ step: z.literal('area'), body: z.string() }),
  z.object({ step: z.literal('confirm'), body: z.string(), audience: audienceSchema }),
]);
export type AnnouncementState = z.infer<typeof stateSchema>;

const MIN_LENGTH = 5;
const MAX_LENGTH = 2000;

const audienceOptions: readonly ChoiceOption[] = [
  { label: 'Tất cả hội viên', payload: 'all', aliases: ['tat ca'] },
  { label: 'Theo khu vực', payload: 'areas', aliases: ['khu vuc'] },
  { label: 'Hội viên chưa nộp báo cáo', payload: 'not_submitted', aliases: ['chua nop'] },
];
const confirmOptions: readonly ChoiceOption[] = [
  { label: 'Gửi', payload: 'send', aliases: ['gui', 'dong y', 'ok', 'co'] },
  { label: 'Sửa nội dung', payload: 'edit', aliases: ['sua'] },
  { label: 'Hủy', payload: 'cmd:cancel' },
];

export const announcementFlow: Flow<AnnouncementState> = {
  id: 'announcement',
  version: 1,
  stateSchema,

  async next(state, message, ctx) {
    if (ctx.contact.role !== 'office') return done(notOffice);
    switch (state.step) {
      case 'text':
        return takeText(message);
      case 'audience':
        return takeAudience(state.body, message, ctx);
      case 'area':
        return takeArea(state.body, message, ctx);
      case 'confirm':
        return confirm(state.body, state.audience, message, ctx);
    }
  },

  async prompt(state, ctx) {
    switch (state.step) {
      case 'text':
        return [textQuestion];
      case 'audience':
        return [audienceQuestion];
      case 'area':
        return [await areaQuestion(ctx)];
      case 'confirm':
        return [await preview(state.body, state.audience, ctx)];
    }
  },

  takesFreeText: (state) => state.step === 'text',
};

const notOffice: Reply = { text: 'Lệnh /thongbao dành cho cán bộ Văn phòng Hiệp hội.' };
const textQuestion: Reply = {
  text: `Soạn thông báo gửi hội viên: Anh/Chị nhập nội dung (${MIN_LENGTH}–${MAX_LENGTH} ký tự). Gõ /huy để thôi.`,
};
const audienceQuestion: Reply = { text: 'Gửi tới ai?', choices: toChoices(audienceOptions) };

/** `/thongbao`: office staff only. */
export function startAnnouncement(ctx: FlowContext): FlowStep<AnnouncementState> {
  if (ctx.contact.role !== 'office') return done(notOffice);
  return continueWith({ step: 'text' }, textQuestion);
}

function takeText(message: InboundMessage): FlowStep<AnnouncementState> {
  const body = (message.text ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').normalize('NFC').trim();
  // Zero-width spaces and the like survive trim() but are nothing to send.
  const length = /[\p{L}\p{N}\p{P}\p{S}]/u.test(body) ? body.length : 0;
  if (length < MIN_LENGTH || length > MAX_LENGTH) {
    return continueWith(
      { step: 'text' },
      { text: `Nội dung cần từ ${MIN_LENGTH} đến ${MAX_LENGTH} ký tự (hiện có ${length}).` },
      textQuestion,
    );
  }
  return continueWith({ step: 'audience', body }, audienceQuestion);
}

async function takeAudience(body: string, message: InboundMessage, ctx: FlowContext): Promise<FlowStep<AnnouncementState>> {
  const picked = matchChoice(audienceOptions, message);
  if (!picked) return continueWith({ step: 'audience', body }, { text: 'Anh/Chị chọn 1, 2 hoặc 3.' }, audienceQuestion);
  if (picked.payload === 'areas') return continueWith({ step: 'area', body }, await areaQuestion(ctx));
  if (picked.payload === 'not_submitted') {
    const campaign = await ctx.repo.findCampaignForYear(toCalendarDateInZone(ctx.now, ctx.timeZone).year);
    const period = campaign ? periodUnderWay(campaign.periods, ctx.now) : null;
    if (!period) return continueWith({ step: 'audience', body }, { text: 'Hiện không có kỳ báo cáo nào đang mở.' }, audienceQuestion);
    return toConfirm(body, { kind: 'not_submitted', periodId: period.id }, ctx);
  }
  return toConfirm(body, { kind: 'all' }, ctx);
}

async function areaQuestion(ctx: FlowContext): Promise<Reply> {
  const areas = await ctx.repo.listAreas();
  return { text: 'Khu vực nào?', choices: areas.map((a) => ({ label: a.name, payload: `area:${a.id}` })) };
}

async function takeArea(body: string, message: InboundMessage, ctx: FlowContext): Promise<FlowStep<AnnouncementState>> {
  const areas = await ctx.repo.listAreas();
  const picked = matchChoice(
    areas.map((area) => ({ label: area.name, payload: `area:${area.id}`, area })),
    message,
  );
  if (!picked) return continueWith({ step: 'area', body }, { text: 'Anh/Chị chọn một khu vực trong danh sách.' }, await areaQuestion(ctx));
  return toConfirm(body, { kind: 'areas', areaIds: [picked.area.id] }, ctx);
}

async function toConfirm(body: string, audience: Audience, ctx: FlowContext): Promise<FlowStep<AnnouncementState>> {
  return continueWith({ step: 'confirm', body, audience }, await preview(body, audience, ctx));
}

async function preview(body: string, audience: Audience, ctx: FlowContext): Promise<Reply> {
  const count = await ctx.repo.countAudience(audience);
  return {
    text: `Xem trước — sẽ gửi tới ${count.contacts} người liên hệ của ${count.members} hội viên:\n\n${body}`,
    choices: toChoices(confirmOptions),
  };
}

async function confirm(
  body: string,
  audience: Audience,
  message: InboundMessage,
  ctx: FlowContext,
): Promise<FlowStep<AnnouncementState>> {
  const picked = matchChoice(confirmOptions, message);
  if (picked?.payload === 'edit') return continueWith({ step: 'text' }, textQuestion);
  if (picked?.payload !== 'send') {
    return continueWith({ step: 'confirm', body, audience }, { text: 'Anh/Chị chọn “Gửi”, “Sửa nội dung” hoặc “Hủy”.' }, await preview(body, audience, ctx));
  }
  const count = await ctx.repo.countAudience(audience);
  if (count.contacts === 0) return done({ text: 'Không có người nhận nào trong nhóm này; thông báo không được gửi.' });
  const broadcast = await ctx.repo.createBroadcast({ body, audience, contactId: ctx.contact.id, now: ctx.now });
  return done({
    text: `Đã xếp thông báo số ${broadcast.id} vào hàng gửi tới ${count.contacts} người liên hệ. Tiến độ gửi xem trên trang quản trị.`,
  });
}
