import type { Clock } from '../core/clock';
import { channelCapabilities, type ChannelId, type Choice, type InboundMessage, type Reply } from '../core/messages';
import { parseTaxCode } from '../core/tax-code/parse-tax-code';
import { quoteInput } from '../core/text/quote-input';
import { type ActiveFlow, type Outcome, outcomeOf, restoreFlow } from './active-flow';
import { announcementFlow, startAnnouncement } from './announcement-flow';
import { cleanInbound } from './clean-inbound';
import type { ContactRecord, ConversationRepository, ConversationStore, FlowStateRecord, MemberRecord } from './conversation-repository';
import type { FlowContext } from './flow';
import { helpReply } from './help-reply';
import { commandPayloads, mainMenu, officeMenu } from './main-menu';
import { matchChoice } from './match-choice';
import { type Command, parseCommand } from './parse-command';
import { importPlanDocument, isPlanDocument, planImportFlow, startPlanImport } from './plan-import-flow';
import { planReply } from './plan-reply';
import { progressReply } from './progress-reply';
import { identifyFirst, linkByInviteCode, looksLikeInviteCode, registrationFlow, startRegistration } from './registration-flow';
import { reportFlow, reportPausedText, startReport } from './report-flow';
import { statusReply } from './status-reply';

export interface ConversationEngineOptions {
  readonly store: ConversationStore;
  readonly clock: Clock;
  readonly timeZone: string;
  /** Where the public pages are served, for links in replies (`/ke-hoach/<year>`). */
  readonly publicBaseUrl: string;
  /** A form left unanswered this long ends politely; its draft stays. */
  readonly idleMinutes: number;
  /**
   * Reads a document a contact sent (a plan office staff send with /kehoachmoi) from where the
   * channel stored it. Without it, such documents are answered with a note that they cannot be read.
   */
  readonly readDocument?: FlowContext['readDocument'];
}

export interface ConversationEngine {
  /** One inbound message in, the replies out. A redelivered update gets no replies and has no effect. */
  handle(message: InboundMessage): Promise<Reply[]>;
  /**
   * The question a contact was in the middle of, to send after an announcement or reminder has
   * cut in, so that the report goes on; empty when there is none.
   */
  promptAfterInterruption(channel: ChannelId, platformUserId: string): Promise<Reply[]>;
}

/**
 * The conversation engine: the same for every channel. It routes a message to the command it
 * names or to the flow in progress, and keeps that flow's state in the database, in the same
 * transaction as everything the message changed.
 */
export function createConversationEngine(options: ConversationEngineOptions): ConversationEngine {
  const baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
  const planPageUrl = (year: number) => `${baseUrl}/ke-hoach/${year}`;
  const adminUrl = (path: string) => `${baseUrl}${path}`;
  const readDocument: FlowContext['readDocument'] =
    options.readDocument ?? (async (file) => ({ ok: false, message: `Máy chủ này chưa được cài để đọc tệp “${file.fileName}”. Xin dán văn bản trên trang quản trị.` }));

  function contextOf(repo: ConversationRepository, contact: ContactRecord, member: MemberRecord | null, now: Date) {
    const ctx: FlowContext = {
      repo,
      now,
      timeZone: options.timeZone,
      contact,
      member,
      capabilities: channelCapabilities[contact.channel],
      planPageUrl,
      adminUrl,
      readDocument,
    };
    return ctx;
  }

  return {
    handle(inbound) {
      const message = cleanInbound(inbound);
      return options.store.transaction(lockKey(message.channel, message.platformUserId), async (repo) => {
        const now = options.clock.now();
        const begun = await repo.beginUpdate({ ...message, now });
        if (!begun) return [];
        const ctx = contextOf(repo, begun.contact, begun.member, now);
        const stored = begun.flowState;
        const restored = restore(stored, ctx, options.idleMinutes);
        const outcome = await route(message, restored.active, ctx, stored === null);
        const next = outcome.active
          ? { flowId: outcome.active.id, version: outcome.active.version, state: outcome.active.state, activeAt: ctx.now }
          : null;
        // No state before (read under this person's lock) and none after: nothing to delete, and
        // a statement saved on most chat messages.
        if (next || stored) await repo.saveFlowState(ctx.contact.id, next);
        return [...restored.notes, ...outcome.replies];
      });
    },

    promptAfterInterruption(channel, platformUserId) {
      return options.store.transaction(lockKey(channel, platformUserId), async (repo) => {
        // A notice is not the person writing: touching the contact would count an interaction
        // (Zalo's reply window) and make a contact who blocked the bot active again.
        const contact = await repo.findContact(channel, platformUserId);
        if (!contact) return [];
        const member = contact.memberId ? await repo.findMemberById(contact.memberId) : null;
        const ctx = contextOf(repo, contact, member, options.clock.now());
        const { active } = restore(await repo.loadFlowState(ctx.contact.id), ctx, options.idleMinutes);
        if (!active) return [];
        return [...(await active.prompt(ctx))];
      });
    },
  };
}

function lockKey(channel: ChannelId, platformUserId: string): string {
  return `contact:${channel}:${platformUserId}`;
}

async function route(message: InboundMessage, active: ActiveFlow | null, ctx: FlowContext, firstContact: boolean): Promise<Outcome> {
  if (message.groupChatId) return { active: null, replies: await inGroup(message, ctx) };
  const command = commandOf(message);
  if (command && !(await answersTheQuestion(message, command.command, active, ctx))) {
    return runCommand(command.command, command.argument, active, ctx);
  }
  if (active) return active.next(message, ctx);
  return idle(message, ctx, firstContact);
}

/**
 * Whether a command word typed bare is really the answer to the current question: at a question
 * that takes free text only slash commands count ("Huy" is a name), and inside a report "gửi báo
 * cáo" means "submit", not "start a report".
 */
async function answersTheQuestion(message: InboundMessage, command: Command, active: ActiveFlow | null, ctx: FlowContext): Promise<boolean> {
  if (!active || message.payload || message.text?.trim().startsWith('/')) return false;
  if (command === 'report' && active.id === reportFlow.id) return true;
  return active.takesFreeText(ctx);
}

/**
 * In a group the bot answers only public commands, in the group, and never collects anything
 * there: reports and registration belong in a private chat.
 */
async function inGroup(message: InboundMessage, ctx: FlowContext): Promise<Reply[]> {
  const command = parseCommand(message.text);
  if (!command) return [];
  if (command.command === 'plan') return planReply(ctx);
  if (command.command === 'help') {
    return [{ text: 'Tôi là trợ lý của Hiệp hội doanh nghiệp. Anh/Chị nhắn riêng cho tôi để đăng ký, gửi báo cáo và xem trạng thái; trong nhóm tôi chỉ trả lời /kehoach.' }];
  }
  return [{ text: 'Việc này cần nhắn riêng với bot để giữ kín thông tin của doanh nghiệp. Anh/Chị bấm vào tên bot rồi nhắn riêng nhé.' }];
}

function commandOf(message: InboundMessage): { command: Command; argument: string } | null {
  switch (message.payload) {
    case commandPayloads.report:
      return { command: 'report', argument: '' };
    case commandPayloads.plan:
      return { command: 'plan', argument: '' };
    case commandPayloads.status:
      return { command: 'status', argument: '' };
    case commandPayloads.help:
      return { command: 'help', argument: '' };
    case 'cmd:cancel':
      return { command: 'cancel', argument: '' };
    case commandPayloads.progress:
      return { command: 'progress', argument: '' };
    case commandPayloads.announce:
      return { command: 'announce', argument: '' };
    default:
      return parseCommand(message.text);
  }
}

async function runCommand(command: Command, argument: string, active: ActiveFlow | null, ctx: FlowContext): Promise<Outcome> {
  // Looking something up does not leave the form: the answer, then the question again.
  const thenResume = async (replies: readonly Reply[]): Promise<Outcome> => ({
    active,
    replies: [...replies, ...(active ? await active.prompt(ctx) : [])],
  });
  switch (command) {
    case 'plan':
      return thenResume(await planReply(ctx));
    case 'status':
      return thenResume(await statusReply(ctx));
    case 'help':
      return thenResume(helpReply(ctx));
    case 'cancel':
      return { active: null, replies: [cancelReply(active, ctx)] };
    case 'progress':
      return thenResume(await progressReply(ctx));
    case 'report': {
      if (active?.id === reportFlow.id) return { active, replies: await active.prompt(ctx) };
      const started = await startReport(ctx);
      // Not a member yet, or no period open: a registration under way is not thrown away for it.
      if (started.kind === 'done' && active) return thenResume(started.replies);
      return outcomeOf(reportFlow, started);
    }
    case 'announce': {
      if (active?.id === announcementFlow.id) return { active, replies: await active.prompt(ctx) };
      const started = startAnnouncement(ctx);
      if (started.kind === 'done' && active) return thenResume(started.replies);
      return outcomeOf(announcementFlow, started);
    }
    case 'importPlan': {
      if (active?.id === planImportFlow.id) return { active, replies: await active.prompt(ctx) };
      const started = startPlanImport(ctx);
      if (started.kind === 'done' && active) return thenResume(started.replies);
      return outcomeOf(planImportFlow, started);
    }
    case 'start':
      return start(argument, ctx);
  }
}

async function start(argument: string, ctx: FlowContext): Promise<Outcome> {
  if (argument) {
    // A deep link may carry a tax code rather than an invite code.
    if (!ctx.member && ctx.contact.role === 'member' && parseTaxCode(argument).ok) {
      return outcomeOf(registrationFlow, await identifyFirst({ text: argument }, ctx));
    }
    const linked = await linkByInviteCode(argument, ctx);
    if (linked) return outcomeOf(registrationFlow, linked);
    const known = ctx.member ? [] : await outcomeOf(registrationFlow, startRegistration(ctx)).replies;
    return {
      active: ctx.member ? null : outcomeOf(registrationFlow, startRegistration(ctx)).active,
      replies: [{ text: 'Mã mời không đúng hoặc đã được dùng. Anh/Chị kiểm tra lại giúp.' }, ...known],
    };
  }
  if (ctx.member) {
    return {
      active: null,
      replies: [
        {
          text: `Kính chào Anh/Chị! Tài khoản này đang liên kết với ${ctx.member.name}. Anh/Chị cần gì ạ?`,
          choices: ctx.member.status === 'active' ? mainMenu : undefined,
        },
      ],
    };
  }
  if (ctx.contact.role !== 'member') {
    return {
      active: null,
      replies: [{ text: 'Kính chào Anh/Chị (Văn phòng Hiệp hội). Gõ /trogiup để xem các lệnh.', choices: menuFor(ctx) }],
    };
  }
  return outcomeOf(registrationFlow, startRegistration(ctx));
}

/** A message outside any flow: a newcomer is asked who they are; a member gets the menu. */
async function idle(message: InboundMessage, ctx: FlowContext, firstContact: boolean): Promise<Outcome> {
  if (!ctx.member && ctx.contact.role === 'member') {
    // The office hands out invite codes to type: the first message may well be one.
    const text = message.text?.trim() ?? '';
    const linked = looksLikeInviteCode(text) ? await linkByInviteCode(text, ctx) : null;
    if (linked) return outcomeOf(registrationFlow, linked);
    const looksLikeAnswer = Boolean(message.sharedPhone) || parseTaxCode(message.text ?? '').ok;
    if (!looksLikeAnswer) return outcomeOf(registrationFlow, startRegistration(ctx));
    const greeting = firstContact ? startRegistration(ctx).replies.slice(0, 1) : [];
    const answered = await outcomeOf(registrationFlow, await identifyFirst(message, ctx));
    return { active: answered.active, replies: [...greeting, ...answered.replies] };
  }
  if (isPlanDocument(message, ctx)) return { active: null, replies: (await importPlanDocument(message.attachment, ctx)).replies };
  if (ctx.member && ctx.member.status === 'pending') {
    return {
      active: null,
      replies: [{ text: `Hồ sơ của ${ctx.member.name} đang chờ Văn phòng Hiệp hội duyệt. Anh/Chị có thể xem kế hoạch: /kehoach.` }],
    };
  }
  // The menu the last reply showed may be answered by its number ("1") or its words.
  const picked = matchChoice(menuFor(ctx) ?? [], message);
  const command = picked ? commandOf({ ...message, payload: picked.payload }) : null;
  if (command) return runCommand(command.command, command.argument, null, ctx);
  if (message.attachment) {
    return {
      active: null,
      replies: [{ text: 'Tôi đã nhận tệp, nhưng tệp chỉ được lưu khi kèm báo cáo. Anh/Chị gõ /baocao; tệp được nhận ở mục cuối.', choices: menuFor(ctx) }],
    };
  }
  const typed = quoteInput(message.text ?? '', 60);
  const quoted = typed ? `“${typed}”` : 'tin nhắn này';
  return {
    active: null,
    replies: [{ text: `Xin lỗi, tôi chưa hiểu ${quoted}. Anh/Chị chọn một việc dưới đây, hoặc gõ /trogiup.`, choices: menuFor(ctx) }],
  };
}

function cancelReply(active: ActiveFlow | null, ctx: FlowContext): Reply {
  const choices = menuFor(ctx);
  if (active?.id === reportFlow.id) return { text: reportPausedText, choices };
  if (active?.id === registrationFlow.id) return { text: 'Đã dừng đăng ký. Gõ /start khi Anh/Chị muốn làm lại.' };
  if (active?.id === announcementFlow.id) return { text: 'Đã hủy, thông báo không được gửi.', choices };
  if (active?.id === planImportFlow.id) return { text: 'Đã thôi nhập kế hoạch.', choices };
  return { text: 'Hiện không có việc gì đang làm dở.', choices };
}

/** What someone may do next: a member's menu, the office's, or nothing to press. */
function menuFor(ctx: FlowContext): readonly Choice[] | undefined {
  if (ctx.contact.role === 'office') return officeMenu;
  return ctx.member?.status === 'active' ? mainMenu : undefined;
}

/**
 * The stored state as a flow to go on with, unless it is of an older version or shape (dropped,
 * with a word) or was left alone longer than `idleMinutes` (ended politely; a report's draft stays).
 */
function restore(
  stored: FlowStateRecord | null,
  ctx: FlowContext,
  idleMinutes: number,
): { active: ActiveFlow | null; notes: Reply[] } {
  if (!stored) return { active: null, notes: [] };
  const active = restoreFlow(stored.flowId, stored.version, stored.state);
  if (!active) {
    return { active: null, notes: [{ text: 'Hệ thống vừa được cập nhật nên cuộc trò chuyện trước đã kết thúc. Xin Anh/Chị bắt đầu lại.' }] };
  }
  const idleMs = ctx.now.getTime() - stored.activeAt.getTime();
  if (idleMs > idleMinutes * 60_000) {
    const text =
      active.id === reportFlow.id
        ? 'Phiên nhập báo cáo trước đã tạm dừng vì lâu không có trả lời; những gì đã nhập vẫn được lưu. Gõ /baocao để tiếp tục.'
        : active.id === registrationFlow.id
          ? 'Phiên đăng ký trước đã tạm dừng vì lâu không có trả lời.'
          : active.id === planImportFlow.id
            ? 'Phiên nhập kế hoạch trước đã tạm dừng vì lâu không có trả lời; gõ /kehoachmoi khi Anh/Chị có tệp.'
            : 'Phiên soạn thông báo trước đã tạm dừng vì lâu không có trả lời; thông báo chưa được gửi.';
    return { active: null, notes: [{ text }] };
  }
  return { active, notes: [] };
}

