import { z } from 'zod';
import type { InboundMessage, Reply } from '../core/messages';
import { parseVnMobile } from '../core/phone/parse-vn-mobile';
import { parseTaxCode } from '../core/tax-code/parse-tax-code';
import { foldText } from '../core/text/fold-text';
import { normalizeVietnamese } from '../core/text/normalize-vietnamese';
import { quoteInput } from '../core/text/quote-input';
import type { MemberRecord, MemberType } from './conversation-repository';
import { continueWith, done, type Flow, type FlowContext, type FlowStep } from './flow';
import { mainMenu } from './main-menu';
import { type ChoiceOption, matchChoice, toChoices } from './match-choice';

/**
 * Who is this contact? They link to a member of the roster by its tax code (confirmed, and
 * checked against the roster's phone when the roster has one), by a phone number the platform
 * verified, or by the member's invite code; an enterprise the roster does not know registers
 * itself and waits for the office's approval.
 */
const selfData = z.object({
  name: z.string().optional(),
  taxCode: z.string().optional(),
  areaId: z.number().int().optional(),
  type: z.enum(['enterprise', 'district_association', 'collective']).optional(),
  contactPerson: z.string().optional(),
  phone: z.string().optional(),
});
type SelfData = z.infer<typeof selfData>;

const stateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('identify') }),
  z.object({ step: z.literal('confirm-member'), memberId: z.number().int(), phoneMatched: z.boolean() }),
  z.object({ step: z.literal('choose-member'), memberIds: z.array(z.number().int()).min(1) }),
  z.object({ step: z.literal('verify-phone'), memberId: z.number().int(), attempts: z.number().int() }),
  z.object({ step: z.literal('not-found'), taxCode: z.string() }),
  z.object({
    step: z.literal('self'),
    field: z.enum(['name', 'taxCode', 'area', 'type', 'contactPerson', 'phone', 'confirm']),
    data: selfData,
  }),
]);
export type RegistrationState = z.infer<typeof stateSchema>;
type SelfField = Extract<RegistrationState, { step: 'self' }>['field'];

const MAX_PHONE_ATTEMPTS = 3;

const yesNo: readonly ChoiceOption[] = [
  // "Vâng", "dạ", "đúng rồi": how people say yes to "Có phải Anh/Chị thuộc …?".
  { label: 'Đúng', payload: 'yes', aliases: ['co', 'dung vay', 'dung roi', 'vang', 'da', 'ok', 'yes', 'phai', 'chinh xac', 'xac nhan'] },
  { label: 'Không phải', payload: 'no', aliases: ['khong', 'sai', 'no', 'ko', 'k'] },
];
const notFoundOptions: readonly ChoiceOption[] = [
  { label: 'Đăng ký mới', payload: 'register', aliases: ['dang ky', 'co'] },
  { label: 'Nhập lại mã số thuế', payload: 'retry', aliases: ['nhap lai', 'khong'] },
];
const selfRegisterOption: ChoiceOption = { label: 'Đăng ký mới', payload: 'register', aliases: ['dang ky'] };
const memberTypes: readonly (ChoiceOption & { type: MemberType })[] = [
  { label: 'Doanh nghiệp hội viên', payload: 'enterprise', type: 'enterprise', aliases: ['doanh nghiep', 'dn'] },
  {
    label: 'Hội doanh nghiệp huyện, thành phố',
    payload: 'district_association',
    type: 'district_association',
    aliases: ['hoi doanh nghiep', 'hoi dn'],
  },
  { label: 'Hội viên tập thể', payload: 'collective', type: 'collective', aliases: ['tap the'] },
];
const confirmOptions: readonly ChoiceOption[] = [
  { label: 'Gửi đăng ký', payload: 'submit', aliases: ['gui', 'dong y', 'xac nhan', 'ok', 'co', 'dung'] },
  { label: 'Nhập lại từ đầu', payload: 'restart', aliases: ['nhap lai', 'lam lai'] },
];

export const registrationFlow: Flow<RegistrationState> = {
  id: 'registration',
  version: 1,
  stateSchema,

  takesFreeText: (state) => state.step === 'self' && (state.field === 'name' || state.field === 'contactPerson'),

  async next(state, message, ctx) {
    switch (state.step) {
      case 'identify':
        return identify(message, ctx);
      case 'confirm-member':
        return confirmMember(state.memberId, state.phoneMatched, message, ctx);
      case 'choose-member':
        return chooseMember(state.memberIds, message, ctx);
      case 'verify-phone':
        return verifyPhone(state.memberId, state.attempts, message, ctx);
      case 'not-found':
        return notFound(state.taxCode, message, ctx);
      case 'self':
        return selfRegister(state.field, state.data, message, ctx);
    }
  },

  async prompt(state, ctx) {
    switch (state.step) {
      case 'identify':
        return [identifyQuestion(ctx)];
      case 'confirm-member': {
        const member = await ctx.repo.findMemberById(state.memberId);
        return member ? [confirmQuestion(member)] : [identifyQuestion(ctx)];
      }
      case 'choose-member':
        return [await chooseQuestion(state.memberIds, ctx)];
      case 'verify-phone':
        return [{ text: verifyPhoneText }];
      case 'not-found':
        return [notFoundQuestion(state.taxCode)];
      case 'self':
        return [await selfQuestion(state.field, state.data, ctx)];
    }
  },
};

/** The greeting and first question for a contact the service does not know yet. */
export function startRegistration(ctx: FlowContext): FlowStep<RegistrationState> {
  return continueWith<RegistrationState>(
    { step: 'identify' },
    {
      text:
        'Kính chào Quý doanh nghiệp! Đây là kênh trao đổi của Hiệp hội doanh nghiệp với hội viên: ' +
        'nhận kế hoạch, thông báo và gửi báo cáo định kỳ.',
    },
    identifyQuestion(ctx),
  );
}

/** Handles an answer to the first question as if the person had just been asked it. */
export function identifyFirst(message: IdentifyAnswer, ctx: FlowContext): Promise<FlowStep<RegistrationState>> {
  return identify(message, ctx);
}

function identifyQuestion(ctx: FlowContext): Reply {
  const phone = ctx.capabilities.verifiedPhone
    ? ' hoặc bấm “Chia sẻ số điện thoại” để tìm theo số đã đăng ký với Hiệp hội'
    : '';
  return {
    text:
      `Để bắt đầu, Anh/Chị vui lòng nhập mã số thuế của doanh nghiệp (10 chữ số)${phone}. ` +
      'Nếu Văn phòng Hiệp hội đã cấp mã mời, Anh/Chị nhập mã mời.',
    requestPhone: ctx.capabilities.verifiedPhone || undefined,
    choices: toChoices([selfRegisterOption]),
  };
}

/** What answers "who are you?": typed text, a pressed button, or a phone the platform shared. */
export type IdentifyAnswer = Pick<InboundMessage, 'text' | 'payload' | 'sharedPhone'>;

async function identify(message: IdentifyAnswer, ctx: FlowContext): Promise<FlowStep<RegistrationState>> {
  if (message.sharedPhone) return identifyByPhone(message.sharedPhone, ctx);
  if (matchChoice([selfRegisterOption], message)) return askSelf('name', {}, ctx);
  const text = (message.text ?? '').trim();
  if (!text) return continueWith({ step: 'identify' }, identifyQuestion(ctx));

  const taxCode = parseTaxCode(text);
  // A mobile number can pass the tax code's check digit by chance: only a roster hit makes it one.
  const phoneTyped = parseVnMobile(text).ok;
  if (taxCode.ok && (!phoneTyped || (await ctx.repo.findMemberByTaxCode(taxCode.value)))) {
    return identifyByTaxCode(taxCode.value, ctx);
  }
  if (phoneTyped) {
    return continueWith(
      { step: 'identify' },
      { text: 'Có vẻ đây là số điện thoại. Để tìm đúng doanh nghiệp, Anh/Chị cần nhập mã số thuế hoặc mã mời.' },
      identifyQuestion(ctx),
    );
  }
  if (looksLikeInviteCode(text)) {
    const linked = await linkByInviteCode(text, ctx);
    if (linked) return linked;
  }
  const shown = quoteInput(text, 40);
  const why =
    /^[\d\s.-]+$/.test(text) && !taxCode.ok
      ? taxCode.message
      : `Tôi chưa nhận ra ${shown ? `“${shown}”` : 'tin nhắn này'} là mã số thuế hay mã mời.`;
  return continueWith({ step: 'identify' }, { text: why }, identifyQuestion(ctx));
}

async function identifyByTaxCode(taxCode: string, ctx: FlowContext): Promise<FlowStep<RegistrationState>> {
  const member = await ctx.repo.findMemberByTaxCode(taxCode);
  if (!member) return continueWith({ step: 'not-found', taxCode }, notFoundQuestion(taxCode));
  const blocked = memberUnavailable(member);
  if (blocked) return continueWith({ step: 'identify' }, { text: blocked });
  return continueWith({ step: 'confirm-member', memberId: member.id, phoneMatched: false }, confirmQuestion(member));
}

async function identifyByPhone(
  shared: { phone: string; verified: boolean },
  ctx: FlowContext,
): Promise<FlowStep<RegistrationState>> {
  const phone = parseVnMobile(shared.phone);
  if (!phone.ok) {
    return continueWith({ step: 'identify' }, { text: phone.message }, identifyQuestion(ctx));
  }
  await ctx.repo.updateContact(ctx.contact.id, { phone: phone.value, phoneVerified: shared.verified });
  const members = (await ctx.repo.findMembersByPhone(phone.value)).filter((m) => m.status === 'active');
  if (members.length === 0 || !shared.verified) {
    return continueWith(
      { step: 'identify' },
      { text: 'Số điện thoại này chưa có trong danh sách hội viên. Anh/Chị vui lòng nhập mã số thuế của doanh nghiệp.' },
      identifyQuestion(ctx),
    );
  }
  if (members.length === 1 && members[0]) {
    return continueWith({ step: 'confirm-member', memberId: members[0].id, phoneMatched: true }, confirmQuestion(members[0]));
  }
  const memberIds = members.map((m) => m.id).slice(0, 9);
  return continueWith({ step: 'choose-member', memberIds }, await chooseQuestion(memberIds, ctx));
}

function confirmQuestion(member: MemberRecord): Reply {
  const details = [member.taxCode ? `MST ${member.taxCode}` : null, member.areaName].filter(Boolean).join(', ');
  return {
    text: `Có phải Anh/Chị thuộc ${member.name}${details ? ` (${details})` : ''}?`,
    choices: toChoices(yesNo),
  };
}

async function confirmMember(
  memberId: number,
  phoneMatched: boolean,
  message: InboundMessage,
  ctx: FlowContext,
): Promise<FlowStep<RegistrationState>> {
  const answer = matchChoice(yesNo, message);
  const member = await ctx.repo.findMemberById(memberId);
  if (!member) return continueWith({ step: 'identify' }, identifyQuestion(ctx));
  if (!answer) {
    return continueWith(
      { step: 'confirm-member', memberId, phoneMatched },
      { text: 'Anh/Chị vui lòng chọn “Đúng” hoặc “Không phải”.' },
      confirmQuestion(member),
    );
  }
  if (answer.payload === 'no') {
    return continueWith({ step: 'identify' }, { text: 'Vâng. Anh/Chị nhập lại mã số thuế giúp.' }, identifyQuestion(ctx));
  }
  // A tax code is public; the phone on the roster is what a member's own staff know.
  if (!phoneMatched && member.phone) {
    return continueWith({ step: 'verify-phone', memberId, attempts: 0 }, { text: verifyPhoneText });
  }
  return link(member, ctx, phoneMatched ? 'verified phone' : 'tax code');
}

const verifyPhoneText =
  'Để bảo đảm đúng người, Anh/Chị vui lòng nhập số điện thoại liên hệ mà doanh nghiệp đã đăng ký với Hiệp hội.';

async function verifyPhone(
  memberId: number,
  attempts: number,
  message: InboundMessage,
  ctx: FlowContext,
): Promise<FlowStep<RegistrationState>> {
  const member = await ctx.repo.findMemberById(memberId);
  if (!member) return continueWith({ step: 'identify' }, identifyQuestion(ctx));
  const typed = message.sharedPhone?.phone ?? message.text ?? '';
  const phone = parseVnMobile(typed);
  if (!phone.ok) {
    return continueWith({ step: 'verify-phone', memberId, attempts }, { text: phone.message }, { text: verifyPhoneText });
  }
  if (phone.value === member.phone) return link(member, ctx, 'roster phone');
  if (attempts + 1 >= MAX_PHONE_ATTEMPTS) {
    await ctx.repo.audit({
      actorType: 'contact',
      actorId: String(ctx.contact.id),
      action: 'registration.phone_mismatch',
      entityType: 'member',
      entityId: String(member.id),
    });
    return done({
      text:
        'Số điện thoại không khớp với hồ sơ của doanh nghiệp. Anh/Chị vui lòng liên hệ Văn phòng Hiệp hội ' +
        'để được cấp mã mời, rồi gõ /start và nhập mã đó.',
    });
  }
  return continueWith(
    { step: 'verify-phone', memberId, attempts: attempts + 1 },
    { text: `Số điện thoại chưa khớp với hồ sơ. Anh/Chị thử lại (còn ${MAX_PHONE_ATTEMPTS - attempts - 1} lần).` },
  );
}

async function chooseQuestion(memberIds: readonly number[], ctx: FlowContext): Promise<Reply> {
  const options = await memberOptions(memberIds, ctx);
  return { text: 'Số điện thoại này gắn với nhiều hội viên. Anh/Chị thuộc đơn vị nào?', choices: toChoices(options) };
}

async function chooseMember(
  memberIds: readonly number[],
  message: InboundMessage,
  ctx: FlowContext,
): Promise<FlowStep<RegistrationState>> {
  const picked = matchChoice(await memberOptions(memberIds, ctx), message);
  if (!picked) return continueWith({ step: 'choose-member', memberIds: [...memberIds] }, await chooseQuestion(memberIds, ctx));
  return link(picked.member, ctx, 'verified phone');
}

async function memberOptions(memberIds: readonly number[], ctx: FlowContext) {
  const members = await Promise.all(memberIds.map((id) => ctx.repo.findMemberById(id)));
  return members
    .filter((m): m is MemberRecord => m !== null)
    .map((member) => ({ label: member.name, payload: `m:${member.id}`, member }));
}

function notFoundQuestion(taxCode: string): Reply {
  return {
    text: `Mã số thuế ${taxCode} chưa có trong danh sách hội viên của Hiệp hội. Anh/Chị có muốn đăng ký mới không?`,
    choices: toChoices(notFoundOptions),
  };
}

async function notFound(taxCode: string, message: InboundMessage, ctx: FlowContext): Promise<FlowStep<RegistrationState>> {
  const retyped = parseTaxCode(message.text ?? '');
  if (retyped.ok) return identifyByTaxCode(retyped.value, ctx);
  const answer = matchChoice(notFoundOptions, message);
  if (answer?.payload === 'register') return askSelf('name', { taxCode }, ctx);
  if (answer?.payload === 'retry') return continueWith({ step: 'identify' }, identifyQuestion(ctx));
  return continueWith({ step: 'not-found', taxCode }, notFoundQuestion(taxCode));
}

/** Links the contact to a member: the end of registration for a known member. */
async function link(member: MemberRecord, ctx: FlowContext, how: string): Promise<FlowStep<RegistrationState>> {
  const blocked = memberUnavailable(member);
  if (blocked) return done({ text: blocked });
  await ctx.repo.updateContact(ctx.contact.id, { memberId: member.id });
  await ctx.repo.audit({
    actorType: 'contact',
    actorId: String(ctx.contact.id),
    action: 'contact.linked',
    entityType: 'member',
    entityId: String(member.id),
    details: { how },
  });
  return done({
    text:
      `Cảm ơn Anh/Chị. Tài khoản này đã được liên kết với ${member.name}. ` +
      'Từ nay Anh/Chị sẽ nhận kế hoạch, thông báo và nhắc hạn báo cáo qua đây.',
    choices: mainMenu,
  });
}

/**
 * Whether a message could be an invite code, worth looking up. Digits alone qualify too: a code
 * drawn from digits only is rare but possible, and a lookup that finds nothing costs nothing.
 */
export function looksLikeInviteCode(text: string): boolean {
  return /^[A-Za-z0-9-]{6,12}$/.test(text.trim());
}

/** `/start <code>`: an invite code links at once (it proves the office gave it to this member). */
export async function linkByInviteCode(code: string, ctx: FlowContext): Promise<FlowStep<RegistrationState> | null> {
  const normalized = code.trim().toUpperCase().replace(/[\s-]/g, '');
  const staff = await ctx.repo.claimRoleInvite(normalized, ctx.contact.id, ctx.now);
  if (staff) {
    // Office staff speak for the association, not for a member: a link they had is dropped.
    const memberId = staff.role === 'office' ? null : ctx.contact.memberId;
    await ctx.repo.updateContact(ctx.contact.id, { role: staff.role, areaId: staff.areaId, memberId });
    await ctx.repo.audit({ actorType: 'contact', actorId: String(ctx.contact.id), action: 'contact.role_granted', details: { role: staff.role } });
    const what = staff.role === 'office' ? 'cán bộ Văn phòng Hiệp hội' : 'trưởng đơn vị khu vực';
    return done({ text: `Tài khoản này đã được ghi nhận là ${what}.` });
  }
  const member = await ctx.repo.findMemberByInviteCode(normalized);
  return member ? link(member, ctx, 'invite code') : null;
}

function memberUnavailable(member: MemberRecord): string | null {
  switch (member.status) {
    case 'active':
      return null;
    case 'pending':
      return `Hồ sơ của ${member.name} đang chờ Văn phòng Hiệp hội duyệt. Anh/Chị sẽ được báo khi có kết quả.`;
    case 'suspended':
      return `Tư cách hội viên của ${member.name} đang tạm ngừng. Anh/Chị vui lòng liên hệ Văn phòng Hiệp hội.`;
    case 'rejected':
      return `Hồ sơ của ${member.name} chưa được chấp thuận. Anh/Chị vui lòng liên hệ Văn phòng Hiệp hội.`;
  }
}

// ───────────────────────────── Self-registration ─────────────────────────────

const selfOrder: readonly SelfField[] = ['name', 'taxCode', 'area', 'type', 'contactPerson', 'phone', 'confirm'];

/** The next field still missing (a tax code typed before is not asked again). */
function nextSelfField(data: SelfData): SelfField {
  const missing = selfOrder.find((f) => f !== 'confirm' && data[f === 'area' ? 'areaId' : f] === undefined);
  return missing ?? 'confirm';
}

async function askSelf(field: SelfField, data: SelfData, ctx: FlowContext, ...before: Reply[]): Promise<FlowStep<RegistrationState>> {
  return continueWith({ step: 'self', field, data }, ...before, await selfQuestion(field, data, ctx));
}

async function selfQuestion(field: SelfField, data: SelfData, ctx: FlowContext): Promise<Reply> {
  switch (field) {
    case 'name':
      return { text: 'Đăng ký hội viên mới (6 bước). Bước 1: tên đầy đủ của doanh nghiệp/đơn vị?' };
    case 'taxCode':
      return { text: 'Bước 2: mã số thuế của doanh nghiệp (10 chữ số, hoặc 13 chữ số với mã chi nhánh)?' };
    case 'area': {
      const areas = await ctx.repo.listAreas();
      return { text: 'Bước 3: doanh nghiệp thuộc huyện, thành phố nào?', choices: areas.map((a) => ({ label: a.name, payload: `area:${a.id}` })) };
    }
    case 'type':
      return { text: 'Bước 4: loại hội viên?', choices: toChoices(memberTypes) };
    case 'contactPerson':
      return { text: 'Bước 5: họ tên người liên hệ?' };
    case 'phone':
      return {
        text: 'Bước 6: số điện thoại di động của người liên hệ?',
        requestPhone: ctx.capabilities.verifiedPhone || undefined,
      };
    case 'confirm':
      return { text: await selfSummary(data, ctx), choices: toChoices(confirmOptions) };
  }
}

async function selfSummary(data: SelfData, ctx: FlowContext): Promise<string> {
  const area = (await ctx.repo.listAreas()).find((a) => a.id === data.areaId);
  const type = memberTypes.find((t) => t.type === data.type);
  return [
    'Anh/Chị kiểm tra lại thông tin đăng ký:',
    `• Tên: ${data.name ?? ''}`,
    `• Mã số thuế: ${data.taxCode ?? ''}`,
    `• Khu vực: ${area?.name ?? ''}`,
    `• Loại hội viên: ${type?.label ?? ''}`,
    `• Người liên hệ: ${data.contactPerson ?? ''}`,
    `• Điện thoại: ${data.phone ?? ''}`,
  ].join('\n');
}

async function selfRegister(
  field: SelfField,
  data: SelfData,
  message: InboundMessage,
  ctx: FlowContext,
): Promise<FlowStep<RegistrationState>> {
  const text = (message.text ?? '').trim();
  const again = (why: string) => askSelf(field, data, ctx, { text: why });
  const advance = (next: SelfData) => askSelf(nextSelfField(next), next, ctx);

  switch (field) {
    case 'name': {
      const name = normalizeVietnamese(text);
      if (name.length < 3 || !/\p{L}/u.test(name)) return again('Tên doanh nghiệp cần ít nhất 3 ký tự.');
      if (name.length > 200) return again('Tên doanh nghiệp dài quá 200 ký tự, Anh/Chị viết gọn lại giúp.');
      return advance({ ...data, name });
    }
    case 'taxCode': {
      const taxCode = parseTaxCode(text);
      if (!taxCode.ok) return again(taxCode.message);
      const existing = await ctx.repo.findMemberByTaxCode(taxCode.value);
      if (existing) {
        return continueWith<RegistrationState>(
          { step: 'confirm-member', memberId: existing.id, phoneMatched: false },
          { text: `Mã số thuế ${taxCode.value} đã có trong danh sách hội viên.` },
          confirmQuestion(existing),
        );
      }
      return advance({ ...data, taxCode: taxCode.value });
    }
    case 'area': {
      const areas = await ctx.repo.listAreas();
      const options = areas.map((a) => ({ label: a.name, payload: `area:${a.id}`, aliases: areaAliases(a.name), id: a.id }));
      const area = matchChoice(options, message);
      if (!area) return again('Tôi chưa nhận ra khu vực này. Anh/Chị chọn một trong danh sách (gõ số hoặc tên).');
      return advance({ ...data, areaId: area.id });
    }
    case 'type': {
      const type = matchChoice(memberTypes, message);
      if (!type) return again('Anh/Chị chọn một loại hội viên trong danh sách (gõ 1, 2 hoặc 3).');
      return advance({ ...data, type: type.type });
    }
    case 'contactPerson': {
      const person = normalizeVietnamese(text);
      if (person.length < 2 || !/\p{L}/u.test(person) || person.length > 100) {
        return again('Anh/Chị nhập họ tên người liên hệ (2–100 ký tự).');
      }
      return advance({ ...data, contactPerson: person });
    }
    case 'phone': {
      const phone = parseVnMobile(message.sharedPhone?.phone ?? text);
      if (!phone.ok) return again(phone.message);
      if (message.sharedPhone?.verified) {
        await ctx.repo.updateContact(ctx.contact.id, { phone: phone.value, phoneVerified: true });
      }
      return advance({ ...data, phone: phone.value });
    }
    case 'confirm': {
      const answer = matchChoice(confirmOptions, message);
      if (answer?.payload === 'restart') return askSelf('name', {}, ctx);
      if (answer?.payload !== 'submit') return again('Anh/Chị chọn “Gửi đăng ký” hoặc “Nhập lại từ đầu”.');
      return submitSelfRegistration(data, ctx);
    }
  }
}

async function submitSelfRegistration(data: SelfData, ctx: FlowContext): Promise<FlowStep<RegistrationState>> {
  const complete = z
    .object({
      name: z.string(),
      taxCode: z.string(),
      areaId: z.number(),
      type: z.enum(['enterprise', 'district_association', 'collective']),
      contactPerson: z.string(),
      phone: z.string(),
    })
    .safeParse(data);
  if (!complete.success) return askSelf(nextSelfField(data), data, ctx);
  // The tax code may have been registered by someone else since it was typed.
  const existing = await ctx.repo.findMemberByTaxCode(complete.data.taxCode);
  if (existing) {
    return continueWith<RegistrationState>(
      { step: 'confirm-member', memberId: existing.id, phoneMatched: false },
      { text: `Mã số thuế ${complete.data.taxCode} vừa có trong danh sách hội viên.` },
      confirmQuestion(existing),
    );
  }
  const member = await ctx.repo.createPendingMember(complete.data);
  await ctx.repo.updateContact(ctx.contact.id, { memberId: member.id });
  await ctx.repo.audit({
    actorType: 'contact',
    actorId: String(ctx.contact.id),
    action: 'member.self_registered',
    entityType: 'member',
    entityId: String(member.id),
  });
  return done({
    text:
      `Đã gửi đăng ký của ${member.name}. Văn phòng Hiệp hội sẽ xem xét và Anh/Chị sẽ được báo kết quả qua đây. ` +
      'Trong lúc chờ, Anh/Chị vẫn có thể xem kế hoạch (/kehoach).',
  });
}

/** "TP Bắc Giang" and "Thành phố Bắc Giang" for the city; "Huyện Hiệp Hòa" for a district. */
function areaAliases(name: string): string[] {
  const bare = name.replace(/^(Thành phố|Huyện|Thị xã)\s+/i, '');
  return [bare, `huyen ${foldText(bare)}`, `tp ${foldText(bare)}`, `thanh pho ${foldText(bare)}`, `thi xa ${foldText(bare)}`];
}
