import { randomUUID } from 'node:crypto';
import type { ChannelId, Reply } from '../../src/core/messages';
import { parseVnMobile } from '../../src/core/phone/parse-vn-mobile';
import { reportFieldsSchema, type ReportField } from '../../src/core/reports/report-field';
import { parseTaxCode } from '../../src/core/tax-code/parse-tax-code';
import { renderReply, TELEGRAM_TEXT_LIMIT } from '../../src/channels/telegram/render-reply';
import { renderZaloText, ZALO_TEXT_LIMIT } from '../../src/channels/zalo/render-zalo-reply';
import { restoreFlow } from '../../src/flows/active-flow';
import type { Harness } from './conversation-harness';
import { reportAnswers, validTaxCode } from './flow-helpers';
import { createRng, deriveSeed, describeInput, type FuzzCategory, type FuzzMessage, fuzzInput } from './fuzz-inputs';

/**
 * The conversation fuzzer (issue 9): every step a conversation can be at, a contact driven there
 * with valid answers, then hostile inputs one at a time, each checked for crashes, bad replies and
 * invalid stored data, and followed by a valid answer that must still work.
 *
 * Driving a contact to a step takes up to ten messages, so each step drives one contact and saves
 * what its conversation is (its contact row, flow state and drafts); before every input those rows
 * are put back. An input with effects that cannot be put back (a member registered, a report filed)
 * makes the next input start from a freshly driven contact.
 */

/** A step of a conversation, and how to get there. */
export interface FuzzStep {
  readonly name: string;
  readonly channel: ChannelId;
  /** A new contact per input instead of a driven one (the very first message). */
  readonly newContactEachInput?: boolean;
  /** Brings the fresh contact `d.user` to the step with valid answers; the replies to the last one. */
  drive(d: Driver): Promise<Reply[]>;
  /** A valid answer here, and a fragment of the reply it must get. */
  readonly valid: { readonly message: FuzzMessage; readonly expect: string };
  /** Where records may legitimately be created by an answer here. */
  readonly mayFile?: boolean;
  readonly mayBroadcast?: boolean;
  readonly mayRegister?: boolean;
}

export interface Driver {
  readonly h: Harness;
  readonly user: string;
  readonly channel: ChannelId;
  /** A number unique in this harness, for tax codes, invite codes and phones of fresh data. */
  unique(): number;
  send(message: FuzzMessage | string): Promise<Reply[]>;
  /** Sends each, checking that the last reply contains `expect`. */
  walk(messages: readonly (FuzzMessage | string)[], expect?: string): Promise<Reply[]>;
}

export interface FuzzFailure {
  readonly kind: 'crash' | 'bad-reply' | 'invalid-stored' | 'wedged';
  readonly step: string;
  readonly index: number;
  readonly category: FuzzCategory;
  readonly input: string;
  readonly problem: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly steps: number;
  readonly inputs: number;
  readonly crashes: number;
  readonly badReplies: number;
  readonly invalidStored: number;
  readonly wedged: number;
  /** Contacts driven to a step: one per step, plus one after each input that left lasting effects. */
  readonly drives: number;
  readonly failures: readonly FuzzFailure[];
}

export interface FuzzOptions {
  readonly seed: number;
  readonly perStep: number;
  /** Only these steps (by name); all when absent. */
  readonly only?: readonly string[];
  /** Steps run side by side (PostgreSQL); PGlite has one connection, so 1 there. */
  readonly concurrency?: number;
  /** Failures kept in the report (all are counted). */
  readonly keepFailures?: number;
  /**
   * `always`: a valid answer after every input. `when-changed`: only after an input that moved
   * the conversation; where it stayed put, the next input starts from the very same rows, and the
   * valid answer was checked when the step was driven.
   */
  readonly followUp?: 'always' | 'when-changed';
  onProgress?(step: string, done: number): void;
}

const OFFICE_ANNOUNCEMENT = 'Họp hội viên ngày 15/7 tại hội trường tỉnh.';

/** Tax codes of fresh data, a range for each use so that none is ever typed for two members. */
const taxCode = (range: 1 | 2 | 3 | 4 | 5, n: number) => validTaxCode(range * 1_000_000 + n);

// The roster members the registration steps look up (seedFuzzRoster).
const ROSTER_TAX_CODE = taxCode(3, 1);
const ROSTER_WITH_PHONE_TAX_CODE = taxCode(3, 2);
const ROSTER_PHONE = '0912 000 222';
const SHARED_PHONE = '0912 000 333';

/** Every step of every conversation, in the order a person meets them. */
export const fuzzSteps: readonly FuzzStep[] = [
  {
    name: 'idle:new-contact',
    channel: 'webchat',
    newContactEachInput: true,
    drive: async () => [],
    valid: { message: { text: '/start' }, expect: 'mã số thuế' },
  },
  {
    name: 'idle:member',
    channel: 'webchat',
    drive: (d) => linkNewMember(d),
    valid: { message: { text: '/trangthai' }, expect: 'Tình hình báo cáo' },
  },
  {
    name: 'idle:pending-member',
    channel: 'webchat',
    async drive(d) {
      const memberId = await d.h.addMember({ name: `Công ty Chờ Duyệt ${d.unique()}`, taxCode: taxCode(2, d.unique()), status: 'pending' });
      await d.walk(['xin chào', '/huy']);
      await d.h.prisma.contact.update({ where: { channel_platformUserId: { channel: d.channel, platformUserId: d.user } }, data: { memberId } });
      return d.walk(['xin chào'], 'đang chờ Văn phòng Hiệp hội duyệt');
    },
    valid: { message: { text: '/kehoach' }, expect: 'KẾ HOẠCH' },
  },
  {
    name: 'idle:office',
    channel: 'webchat',
    drive: (d) => becomeOffice(d),
    valid: { message: { text: '/tiendo' }, expect: 'Tiến độ' },
  },
  {
    name: 'registration:tax-code',
    channel: 'telegram',
    drive: (d) => d.walk(['/start'], 'mã số thuế'),
    valid: { message: { text: ROSTER_TAX_CODE }, expect: 'Có phải Anh/Chị thuộc' },
  },
  {
    name: 'registration:confirm',
    channel: 'webchat',
    drive: (d) => d.walk(['/start', ROSTER_WITH_PHONE_TAX_CODE], 'Có phải Anh/Chị thuộc'),
    valid: { message: { text: 'Đúng' }, expect: 'Để bảo đảm đúng người' },
  },
  {
    name: 'registration:phone',
    channel: 'webchat',
    drive: (d) => d.walk(['/start', ROSTER_WITH_PHONE_TAX_CODE, 'Đúng'], 'Để bảo đảm đúng người'),
    valid: { message: { text: ROSTER_PHONE }, expect: 'đã được liên kết' },
  },
  {
    name: 'registration:choose-member',
    channel: 'telegram',
    drive: (d) => d.walk(['/start', { sharedPhone: { phone: SHARED_PHONE, verified: true } }], 'gắn với nhiều hội viên'),
    valid: { message: { text: '1' }, expect: 'đã được liên kết' },
  },
  {
    name: 'registration:not-found',
    channel: 'webchat',
    drive: (d) => d.walk(['/start', freshTaxCode(d)], 'chưa có trong danh sách hội viên'),
    valid: { message: { text: 'Đăng ký mới' }, expect: 'Bước 1' },
  },
  ...selfRegistrationSteps(),
  ...reportSteps(),
  {
    name: 'report:resume',
    channel: 'webchat',
    async drive(d) {
      await linkNewMember(d);
      return d.walk(['/baocao', reportAnswers[0], '/huy', '/baocao'], 'đang được nhập dở');
    },
    valid: { message: { text: 'Tiếp tục' }, expect: 'Mục 2/7' },
  },
  {
    name: 'report:correction',
    channel: 'webchat',
    async drive(d) {
      await linkNewMember(d);
      await d.walk(['/baocao', ...reportAnswers, 'Gửi báo cáo'], 'Mã tiếp nhận');
      return d.walk(['/baocao'], 'nộp bản sửa');
    },
    valid: { message: { text: 'Thôi' }, expect: 'giữ nguyên' },
  },
  {
    name: 'announcement:text',
    channel: 'webchat',
    async drive(d) {
      await becomeOffice(d);
      return d.walk(['/thongbao'], 'Soạn thông báo');
    },
    valid: { message: { text: OFFICE_ANNOUNCEMENT }, expect: 'Gửi tới ai?' },
  },
  {
    name: 'announcement:audience',
    channel: 'webchat',
    async drive(d) {
      await becomeOffice(d);
      return d.walk(['/thongbao', OFFICE_ANNOUNCEMENT], 'Gửi tới ai?');
    },
    valid: { message: { text: '1' }, expect: 'Xem trước' },
  },
  {
    name: 'announcement:area',
    channel: 'webchat',
    async drive(d) {
      await becomeOffice(d);
      return d.walk(['/thongbao', OFFICE_ANNOUNCEMENT, 'Theo khu vực'], 'Khu vực nào?');
    },
    valid: { message: { text: 'Hiệp Hòa' }, expect: 'Xem trước' },
  },
  {
    name: 'announcement:confirm',
    channel: 'webchat',
    mayBroadcast: true,
    async drive(d) {
      await becomeOffice(d);
      return d.walk(['/thongbao', OFFICE_ANNOUNCEMENT, 'Tất cả hội viên'], 'Xem trước');
    },
    valid: { message: { text: 'Sửa nội dung' }, expect: 'Soạn thông báo' },
  },
];

function selfRegistrationSteps(): FuzzStep[] {
  // Each answer of the self-registration, and what the question after it says. The tax code typed
  // while driving is a fresh one each time: an input at the last step may file the registration.
  const answers: ReadonlyArray<readonly [string, string | ((d: Driver) => string), string]> = [
    ['name', 'Công ty TNHH Hoa Sen', 'Bước 1'],
    ['tax-code', freshTaxCode, 'Bước 2'],
    ['area', 'Hiệp Hòa', 'Bước 3'],
    ['member-type', '1', 'Bước 4'],
    ['contact-person', 'Nguyễn Văn An', 'Bước 5'],
    ['phone', '0912 345 678', 'Bước 6'],
  ];
  const typed = (d: Driver, count: number) => answers.slice(0, count).map(([, a]) => (typeof a === 'string' ? a : a(d)));
  const steps: FuzzStep[] = answers.map(([name, answer, question], i) => ({
    name: `self-registration:${name}`,
    channel: 'webchat',
    drive: async (d) => d.walk(['/start', 'Đăng ký mới', ...typed(d, i)], question),
    // Never filed at this step, so one tax code not on the roster serves every input.
    valid: { message: { text: typeof answer === 'string' ? answer : taxCode(5, 0) }, expect: answers[i + 1]?.[2] ?? 'kiểm tra lại thông tin đăng ký' },
  }));
  steps.push({
    name: 'self-registration:confirm',
    channel: 'webchat',
    mayRegister: true,
    drive: async (d) => d.walk(['/start', 'Đăng ký mới', ...typed(d, answers.length)], 'kiểm tra lại thông tin đăng ký'),
    valid: { message: { text: 'Nhập lại từ đầu' }, expect: 'Bước 1' },
  });
  return steps;
}

function reportSteps(): FuzzStep[] {
  const labels = ['Doanh thu', 'Nộp ngân sách', 'Số lao động', 'Thu nhập bình quân', 'Đóng góp an sinh', 'Khó khăn', 'Tệp báo cáo'];
  const fields: FuzzStep[] = labels.map((label, i) => ({
    name: `report:field-${i + 1}`,
    channel: 'webchat',
    async drive(d) {
      await linkNewMember(d);
      return d.walk(['/baocao', ...reportAnswers.slice(0, i)], `Mục ${i + 1}/7: ${label}`);
    },
    valid: { message: { text: reportAnswers[i] ?? '' }, expect: i + 1 < labels.length ? `Mục ${i + 2}/7` : 'Anh/Chị kiểm tra lại rồi chọn' },
  }));
  return [
    ...fields,
    {
      name: 'report:summary',
      channel: 'webchat',
      mayFile: true,
      async drive(d) {
        await linkNewMember(d);
        return d.walk(['/baocao', ...reportAnswers], 'Anh/Chị kiểm tra lại rồi chọn');
      },
      valid: { message: { text: 'Sửa một mục' }, expect: 'Anh/Chị muốn sửa mục nào?' },
    },
    {
      name: 'report:pick-field',
      channel: 'webchat',
      async drive(d) {
        await linkNewMember(d);
        return d.walk(['/baocao', ...reportAnswers, 'Sửa một mục'], 'Anh/Chị muốn sửa mục nào?');
      },
      valid: { message: { text: '1' }, expect: 'Mục 1/7' },
    },
    {
      name: 'report:fix-one-field',
      channel: 'webchat',
      async drive(d) {
        await linkNewMember(d);
        return d.walk(['/baocao', ...reportAnswers, 'Sửa một mục', '1'], 'Mục 1/7');
      },
      valid: { message: { text: '13 tỷ' }, expect: 'Anh/Chị kiểm tra lại rồi chọn' },
    },
  ];
}

// ───────────────────────────── Fresh data ─────────────────────────────

/** The roster members the registration steps look up; once per harness. */
export async function seedFuzzRoster(h: Harness): Promise<void> {
  await h.addMember({ name: 'Công ty Cổ phần Kiểm Thử', taxCode: ROSTER_TAX_CODE });
  await h.addMember({ name: 'Công ty TNHH Có Điện Thoại', taxCode: ROSTER_WITH_PHONE_TAX_CODE, phone: '+84912000222' });
  await h.addMember({ name: 'Công ty Chung Số Một', taxCode: taxCode(3, 3), phone: '+84912000333' });
  await h.addMember({ name: 'Công ty Chung Số Hai', taxCode: taxCode(3, 4), phone: '+84912000333' });
}

function freshTaxCode(d: Driver): string {
  return taxCode(4, d.unique());
}

async function linkNewMember(d: Driver): Promise<Reply[]> {
  const n = d.unique();
  const name = `Công ty TNHH Thử Lửa ${n}`;
  await d.h.addMember({ name, taxCode: taxCode(1, n), inviteCode: `FZ${n}` });
  return d.walk([`/start FZ${n}`], `đã được liên kết với ${name}`);
}

async function becomeOffice(d: Driver): Promise<Reply[]> {
  const code = `VPFZ${d.unique()}`;
  await d.h.prisma.roleInvite.create({ data: { code, role: 'office' } });
  return d.walk([`/start ${code}`], 'cán bộ Văn phòng Hiệp hội');
}

// ───────────────────────────── Checks ─────────────────────────────

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
const LEAKS = [/\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /\bnull\b/, /\bInfinity\b/, /\n\s+at \S+ \(/, /\b(?:Type|Reference|Range|Syntax)Error\b/, /Prisma/, /\bError:/];
/** What a platform cannot carry or shows garbled: NUL and other controls, lone surrogates. */
const UNSENDABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Bidi overrides and isolates: they turn the rest of their line around, the bot's own words too. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A bidi control inside a quotation the bot makes of what was typed (“…”), its words after it. */
const BIDI_IN_QUOTE = /“[^”\n]*[\u202a-\u202e\u2066-\u2069][^”\n]*”/;

/** Why these replies are not clear messages a person can read; empty when they are. */
export function replyProblems(replies: readonly Reply[], echoable: readonly string[], options: { group?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (replies.length === 0 && !options.group) problems.push('no reply');
  const typed = echoable.join('\n');
  for (const [i, reply] of replies.entries()) {
    const at = `reply ${i + 1}`;
    if (typeof reply.text !== 'string' || reply.text.trim() === '') {
      problems.push(`${at}: empty text`);
      continue;
    }
    if (!VIETNAMESE_LETTER.test(reply.text.normalize('NFC'))) problems.push(`${at}: no Vietnamese in ${JSON.stringify(reply.text.slice(0, 80))}`);
    for (const leak of LEAKS) {
      const found = leak.exec(reply.text);
      if (found && !typed.includes(found[0])) problems.push(`${at}: leaks ${JSON.stringify(found[0])}`);
    }
    if (UNSENDABLE.test(reply.text)) problems.push(`${at}: a control character or lone surrogate`);
    if (BIDI_IN_QUOTE.test(reply.text)) problems.push(`${at}: a bidi control in a quotation`);
    const telegram = renderReply(reply, { chat: 'private' });
    if (telegram.length > 2) problems.push(`${at}: ${telegram.length} Telegram messages (${reply.text.length} chars)`);
    if (telegram.some((m) => m.text.length > TELEGRAM_TEXT_LIMIT)) problems.push(`${at}: over Telegram's limit`);
    const zalo = renderZaloText(reply);
    if (zalo.length > 3) problems.push(`${at}: ${zalo.length} Zalo messages`);
    if (zalo.some((t) => [...t].length > ZALO_TEXT_LIMIT)) problems.push(`${at}: over Zalo's limit`);
    for (const choice of reply.choices ?? []) {
      if (!choice.label.trim() || !choice.payload) problems.push(`${at}: an empty choice`);
      if (UNSENDABLE.test(choice.label) || BIDI_CONTROL.test(choice.label)) problems.push(`${at}: a choice label with controls`);
      if (Buffer.byteLength(choice.payload) > 64) problems.push(`${at}: a payload over Telegram's 64 bytes`);
    }
  }
  return problems;
}

/** Strings anywhere in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function textProblem(what: string, text: string, options: { min?: number; max?: number; letter?: boolean; multiline?: boolean } = {}): string | null {
  if (UNSENDABLE.test(text)) return `${what}: a control character or lone surrogate`;
  if (!options.multiline && /[\r\n\t]/.test(text)) return `${what}: a line break`;
  if (text !== text.normalize('NFC')) return `${what}: not NFC`;
  if (text !== text.trim()) return `${what}: untrimmed`;
  if (options.min !== undefined && text.length < options.min) return `${what}: shorter than ${options.min}`;
  if (options.max !== undefined && text.length > options.max) return `${what}: longer than ${options.max}`;
  if (options.letter && !/\p{L}/u.test(text)) return `${what}: no letter`;
  if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(text)) return `${what}: nothing visible`;
  return null;
}

/** Why a draft's or a revision's value of `field` is invalid; null when it passes the field's schema. */
export function fieldValueProblem(field: ReportField, value: unknown): string | null {
  const at = `field ${field.code}`;
  if (value === null) return field.required ? `${at}: required, stored as skipped` : null;
  switch (field.kind) {
    case 'money':
    case 'count':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${at}: not an integer (${String(value)})`;
      if (value < 0) return `${at}: negative`;
      if (value > field.max) return `${at}: above ${field.max}`;
      return null;
    case 'text':
      if (typeof value !== 'string') return `${at}: not a text`;
      return textProblem(at, value, { min: 1, max: field.maxLength, multiline: true });
    case 'file': {
      const file = value as { attachmentId?: unknown; fileName?: unknown };
      if (typeof value !== 'object' || !Number.isSafeInteger(file.attachmentId) || typeof file.fileName !== 'string') return `${at}: not a file`;
      return UNSENDABLE.test(file.fileName) ? `${at}: a control character in the file name` : null;
    }
  }
}

/** What a conversation is, in the rows this contact's messages change. */
interface Conversation {
  readonly contact: { memberId: number | null; role: 'member' | 'unit_head' | 'office'; areaId: number | null; phone: string | null; phoneVerified: boolean };
  readonly state: { flowId: string; version: number; state: unknown; activeAt: Date } | null;
  readonly drafts: readonly { memberId: number; periodId: number; contactId: number | null; values: unknown; answered: number; total: number }[];
}

async function readConversation(h: Harness, contactId: number, memberIds: readonly number[]): Promise<Conversation> {
  const [contact, state, drafts] = await Promise.all([
    h.prisma.contact.findUniqueOrThrow({ where: { id: contactId } }),
    h.prisma.conversationState.findUnique({ where: { contactId } }),
    h.prisma.submissionDraft.findMany({ where: { memberId: { in: [...memberIds] } }, orderBy: { id: 'asc' } }),
  ]);
  return {
    contact: { memberId: contact.memberId, role: contact.role, areaId: contact.areaId, phone: contact.phone, phoneVerified: contact.phoneVerified },
    state: state ? { flowId: state.flowId, version: state.version, state: state.state, activeAt: state.activeAt } : null,
    drafts: drafts.map((d) => ({ memberId: d.memberId, periodId: d.periodId, contactId: d.contactId, values: d.values, answered: d.answered, total: d.total })),
  };
}

function sameConversation(a: Conversation, b: Conversation): boolean {
  const key = (c: Conversation) => JSON.stringify([c.contact, c.state?.flowId, c.state?.version, c.state?.state, c.drafts.map((d) => [d.periodId, d.values])]);
  return key(a) === key(b);
}

/** Puts the conversation back where `saved` was (the contact's member's drafts included). */
async function restoreConversation(h: Harness, contactId: number, saved: Conversation): Promise<void> {
  const memberId = saved.contact.memberId;
  await h.prisma.$transaction([
    h.prisma.contact.update({ where: { id: contactId }, data: { ...saved.contact, status: 'active' } }),
    h.prisma.conversationState.deleteMany({ where: { contactId } }),
    ...(saved.state ? [h.prisma.conversationState.create({ data: { contactId, ...saved.state, state: saved.state.state ?? {} } })] : []),
    ...(memberId === null
      ? []
      : [
          h.prisma.submissionDraft.deleteMany({ where: { memberId } }),
          ...saved.drafts.map((d) => h.prisma.submissionDraft.create({ data: { ...d, values: d.values ?? {} } })),
        ]),
  ]);
}

/** What the flows' schemas do not say but their questions promise: lengths, formats. */
function stateProblems(state: unknown): string[] {
  if (!state || typeof state !== 'object') return [];
  const s = state as { step?: string; data?: Record<string, unknown>; body?: unknown };
  const problems: string[] = [];
  if (s.step === 'self' && s.data) {
    const { name, contactPerson, taxCode, phone } = s.data;
    if (typeof name === 'string') {
      const p = textProblem('registration name', name, { min: 3, max: 200, letter: true });
      if (p) problems.push(p);
    }
    if (typeof contactPerson === 'string') {
      const p = textProblem('registration contact person', contactPerson, { min: 2, max: 100, letter: true });
      if (p) problems.push(p);
    }
    if (typeof taxCode === 'string') {
      const parsed = parseTaxCode(taxCode);
      if (!parsed.ok || parsed.value !== taxCode) problems.push('registration: invalid tax code');
    }
    if (typeof phone === 'string') {
      const parsed = parseVnMobile(phone);
      if (!parsed.ok || parsed.value !== phone) problems.push('registration: invalid phone');
    }
  }
  if (typeof s.body === 'string') {
    const p = textProblem('announcement body', s.body, { min: 5, max: 2000, multiline: true });
    if (p) problems.push(p);
  }
  return problems;
}

/**
 * Why what an input left in the database is invalid; empty when all of it passes. The
 * conversation's own rows are read whole; what it created elsewhere (a member, a report, a
 * broadcast) is found through the audit entries the contact wrote with this input.
 */
async function storedProblems(
  h: Harness,
  step: FuzzStep,
  now: Conversation,
  audit: readonly { action: string; entityId: string | null; details: unknown }[],
): Promise<{ problems: string[]; lasting: boolean }> {
  const problems: string[] = [];
  if (now.state) {
    if (!restoreFlow(now.state.flowId, now.state.version, now.state.state)) problems.push(`state of ${now.state.flowId} does not pass its schema`);
    if (stringsIn(now.state.state).some((text) => UNSENDABLE.test(text))) problems.push('state: a control character or lone surrogate');
    problems.push(...stateProblems(now.state.state));
  }
  const periods = new Map<number, readonly ReportField[]>();
  const fieldsOf = async (periodId: number) => {
    const known = periods.get(periodId) ?? reportFieldsSchema.parse((await h.prisma.reportPeriod.findUniqueOrThrow({ where: { id: periodId } })).fields);
    periods.set(periodId, known);
    return known;
  };
  const valuesProblems = async (what: string, periodId: number, values: Record<string, unknown>, complete: boolean) => {
    const fields = await fieldsOf(periodId);
    for (const code of Object.keys(values)) if (!fields.some((f) => f.code === code)) problems.push(`${what}: unknown field ${code}`);
    for (const field of fields) {
      if (!Object.hasOwn(values, field.code)) {
        if (complete) problems.push(`${what}: without ${field.code}`);
        continue;
      }
      const problem = fieldValueProblem(field, values[field.code]);
      if (problem) problems.push(`${what}: ${problem}`);
      const file = values[field.code];
      if (field.kind === 'file' && file && typeof file === 'object' && 'attachmentId' in file && typeof file.attachmentId === 'number') {
        const row = await h.prisma.attachment.findUnique({ where: { id: file.attachmentId } });
        if (!row || row.memberId !== now.contact.memberId) problems.push(`${what}: attachment ${file.attachmentId} not this member's`);
      }
    }
    return fields;
  };
  for (const draft of now.drafts) {
    const values = (draft.values ?? {}) as Record<string, unknown>;
    const fields = await valuesProblems('draft', draft.periodId, values, false);
    const answered = fields.filter((f) => Object.hasOwn(values, f.code)).length;
    if (draft.answered !== answered || draft.total !== fields.length) problems.push(`draft: counts ${draft.answered}/${draft.total}, values say ${answered}/${fields.length}`);
  }
  let lasting = false;
  for (const entry of audit) {
    const id = Number(entry.entityId);
    if (entry.action === 'member.self_registered') {
      lasting = true;
      if (!step.mayRegister) problems.push(`a member registered at ${step.name}`);
      const member = await h.prisma.member.findUniqueOrThrow({ where: { id } });
      const name = textProblem('new member name', member.name, { min: 3, max: 200, letter: true });
      const person = textProblem('new member contact person', member.contactPerson ?? '', { min: 2, max: 100, letter: true });
      if (name) problems.push(name);
      if (person) problems.push(person);
      if (!member.taxCode || !parseTaxCode(member.taxCode).ok) problems.push('new member: invalid tax code');
      if (!member.phone || !parseVnMobile(member.phone).ok) problems.push('new member: invalid phone');
      if (member.status !== 'pending') problems.push(`new member: status ${member.status}`);
    } else if (entry.action === 'report.submitted') {
      lasting = true;
      if (!step.mayFile) problems.push(`a report filed at ${step.name}`);
      const referenceCode = String((entry.details as { referenceCode?: unknown } | null)?.referenceCode);
      const revision = await h.prisma.submissionRevision.findUnique({ where: { referenceCode }, include: { submission: true } });
      if (!revision) problems.push(`report ${referenceCode} audited but not stored`);
      else await valuesProblems('filed', revision.submission.periodId, (revision.values ?? {}) as Record<string, unknown>, true);
    } else if (entry.action === 'broadcast.composed') {
      if (!step.mayBroadcast) problems.push(`a broadcast composed at ${step.name}`);
      const broadcast = await h.prisma.broadcast.findUniqueOrThrow({ where: { id } });
      const problem = textProblem('broadcast body', broadcast.body, { min: 5, max: 2000, multiline: true });
      if (problem) problems.push(problem);
    }
  }
  return { problems, lasting };
}

// ───────────────────────────── The run ─────────────────────────────

/** Runs `perStep` hostile inputs at every step; counts what went wrong, keeps the first failures. */
export async function fuzzConversations(h: Harness, options: FuzzOptions): Promise<FuzzReport> {
  const steps = fuzzSteps.filter((s) => !options.only || options.only.includes(s.name));
  const keep = options.keepFailures ?? 50;
  const failures: FuzzFailure[] = [];
  const counts = { inputs: 0, crashes: 0, badReplies: 0, invalidStored: 0, wedged: 0, drives: 0 };
  let unique = 0;
  const record = (failure: FuzzFailure) => {
    if (failures.length < keep) failures.push(failure);
  };

  async function runStep(step: FuzzStep, stepIndex: number): Promise<void> {
    /** The contact driven to the step and its conversation there; null when a new one is needed. */
    let driven: { driver: Driver; contactId: number; saved: Conversation; question: readonly Reply[] } | null = null;
    /** Whether the conversation may differ from `saved` (it is put back before the next input). */
    let moved = false;

    const newDriver = (): Driver => {
      const user = `fz-${stepIndex}-${(unique += 1)}`;
      const send = (message: FuzzMessage | string) =>
        h.engine.handle({
          channel: step.channel,
          platformUserId: user,
          displayName: `Người thử ${user}`,
          updateId: randomUUID(),
          ...(typeof message === 'string' ? { text: message } : message),
        });
      return {
        h,
        user,
        channel: step.channel,
        unique: () => (unique += 1),
        send,
        async walk(messages, expect) {
          let replies: Reply[] = [];
          for (const message of messages) replies = await send(message);
          if (expect !== undefined && !h.text(replies).includes(expect)) {
            throw new Error(`driving ${user} to ${step.name}: expected “${expect}”, got: ${h.text(replies).slice(0, 500)}`);
          }
          return replies;
        },
      };
    };
    const contactIdOf = async (d: Driver) =>
      (await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: d.channel, platformUserId: d.user } } })).id;
    const lastAuditId = async () => (await h.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0;

    for (let index = 0; index < options.perStep; index += 1) {
      let driver: Driver;
      let contactId: number | null = null;
      if (step.newContactEachInput) {
        driver = newDriver();
        counts.drives += 1;
      } else {
        if (!driven) {
          const d = newDriver();
          const question = await step.drive(d);
          counts.drives += 1;
          const id = await contactIdOf(d);
          const memberId = (await h.prisma.contact.findUniqueOrThrow({ where: { id } })).memberId;
          driven = { driver: d, contactId: id, saved: await readConversation(h, id, memberId === null ? [] : [memberId]), question };
          // The step's valid answer works from here (then the conversation is put back).
          await d.walk([step.valid.message], step.valid.expect);
          moved = true;
        }
        if (moved) await restoreConversation(h, driven.contactId, driven.saved);
        driver = driven.driver;
        contactId = driven.contactId;
      }
      const auditFrom = await lastAuditId();

      const inputRng = createRng(deriveSeed(options.seed, step.name, index));
      const offeredPayloads = (driven?.question ?? []).flatMap((r) => (r.choices ?? []).map((c) => c.payload));
      const { category, message } = fuzzInput(inputRng, { offeredPayloads, validText: step.valid.message.text });
      // A Telegram group message reaches the engine only as a command to the bot.
      const group = step.channel === 'telegram' && inputRng.chance(0.05) && typeof message.text === 'string' && message.text.startsWith('/');
      const sent: FuzzMessage = group ? { ...message, groupChatId: '-100123' } : message;
      const input = describeInput(sent);
      const fail = (kind: FuzzFailure['kind'], problem: string) => record({ kind, step: step.name, index, category, input, problem });
      counts.inputs += 1;
      options.onProgress?.(step.name, index + 1);
      moved = true;

      let replies: Reply[];
      try {
        replies = await driver.send(sent);
      } catch (error) {
        counts.crashes += 1;
        fail('crash', String(error instanceof Error ? (error.stack ?? error.message) : error).slice(0, 1_500));
        continue;
      }
      const echoable = [sent.text ?? '', sent.payload ?? '', sent.displayName ?? '', sent.attachment?.fileName ?? '', sent.sharedPhone?.phone ?? ''];
      const bad = replyProblems(replies, echoable, { group });
      if (bad.length > 0) {
        counts.badReplies += 1;
        fail('bad-reply', `${bad.join('; ')} — replies: ${JSON.stringify(replies.map((r) => r.text.slice(0, 300)))}`);
      }

      contactId ??= await contactIdOf(driver);
      const memberNow = (await h.prisma.contact.findUniqueOrThrow({ where: { id: contactId } })).memberId;
      const memberIds = [...new Set([memberNow, driven?.saved.contact.memberId ?? null].filter((id): id is number => id !== null))];
      const now = await readConversation(h, contactId, memberIds);
      const audit = await h.prisma.auditLog.findMany({ where: { id: { gt: auditFrom }, actorId: String(contactId) }, orderBy: { id: 'asc' } });
      const stored = await storedProblems(h, step, now, audit);
      if (stored.problems.length > 0) {
        counts.invalidStored += 1;
        fail('invalid-stored', stored.problems.join('; '));
      }
      // A registered member or a filed report changes what the next input meets: a new contact.
      if (stored.lasting && driven) driven = null;

      // The conversation must go on: the valid answer where nothing moved, else a command that
      // shows the question again.
      const unchanged = driven !== null && sameConversation(now, driven.saved);
      if (unchanged && options.followUp === 'when-changed') {
        moved = false;
        continue;
      }
      // A first message may be a real invite code, which links the newcomer: then /start greets them.
      const stillNew = step.newContactEachInput === true && now.contact.memberId === null && now.contact.role === 'member';
      const valid = unchanged || stillNew;
      const followUp: FuzzMessage = valid ? step.valid.message : { text: '/trogiup' };
      const expect = valid ? step.valid.expect : 'Tôi là trợ lý';
      try {
        const after = await driver.send(followUp);
        const problems = replyProblems(after, [...echoable, followUp.text ?? '']);
        if (!h.text(after).includes(expect)) problems.push(`expected “${expect}”`);
        if (problems.length > 0) {
          counts.wedged += 1;
          fail('wedged', `${followUp.text}: ${problems.join('; ')} — replies: ${JSON.stringify(after.map((r) => r.text.slice(0, 300)))}`);
        }
      } catch (error) {
        counts.wedged += 1;
        fail('wedged', `${followUp.text} threw: ${String(error).slice(0, 800)}`);
        driven = null;
      }
    }
  }

  const queue = steps.map((step, i) => ({ step, i }));
  const concurrency = Math.max(1, options.concurrency ?? 1);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await runStep(next.step, next.i);
    }),
  );
  return { seed: options.seed, steps: steps.length, ...counts, failures };
}
