import type { Clock } from '../core/clock';
import { channelCapabilities, type ChannelId, type InboundMessage, type Reply } from '../core/messages';
import { parseTaxCode } from '../core/tax-code/parse-tax-code';
import type { ContactRecord, ConversationRepository, ConversationStore, FlowStateRecord } from './conversation-repository';
import type { Flow, FlowContext, FlowStep } from './flow';
import { helpReply } from './help-reply';
import { commandPayloads, mainMenu } from './main-menu';
import { type Command, parseCommand } from './parse-command';
import { planReply } from './plan-reply';
import {
  identifyFirst,
  linkByInviteCode,
  looksLikeInviteCode,
  type RegistrationState,
  registrationFlow,
  startRegistration,
} from './registration-flow';
import { type ReportState, reportFlow, reportPausedText, startReport } from './report-flow';
import { statusReply } from './status-reply';

export interface ConversationEngineOptions {
  readonly store: ConversationStore;
  readonly clock: Clock;
  readonly timeZone: string;
  /** Where the public pages are served, for links in replies (`/ke-hoach/<year>`). */
  readonly publicBaseUrl: string;
  /** A form left unanswered this long ends politely; its draft stays. */
  readonly idleMinutes: number;
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

/** The flows with state, by the id stored with the state. */
type Active = { flow: Flow<RegistrationState>; state: RegistrationState } | { flow: Flow<ReportState>; state: ReportState };

/** Where a step leaves the conversation: in a flow (to save), or out of any. */
type Outcome = { active: Active | null; replies: readonly Reply[] };

/**
 * The conversation engine: the same for every channel. It routes a message to the command it
 * names or to the flow in progress, and keeps that flow's state in the database, in the same
 * transaction as everything the message changed.
 */
export function createConversationEngine(options: ConversationEngineOptions): ConversationEngine {
  const planPageUrl = (year: number) => `${options.publicBaseUrl.replace(/\/+$/, '')}/ke-hoach/${year}`;

  async function contextFor(repo: ConversationRepository, message: Pick<InboundMessage, 'channel' | 'platformUserId' | 'displayName'>) {
    const now = options.clock.now();
    return contextOf(repo, await repo.touchContact({ ...message, now }), now);
  }

  async function contextOf(repo: ConversationRepository, contact: ContactRecord, now: Date) {
    const member = contact.memberId ? await repo.findMemberById(contact.memberId) : null;
    const ctx: FlowContext = {
      repo,
      now,
      timeZone: options.timeZone,
      contact,
      member,
      capabilities: channelCapabilities[contact.channel],
      planPageUrl,
    };
    return ctx;
  }

  return {
    handle(message) {
      return options.store.transaction(lockKey(message.channel, message.platformUserId), async (repo) => {
        if (!(await repo.claimUpdate(message.channel, message.updateId))) return [];
        const ctx = await contextFor(repo, message);
        const stored = await repo.loadFlowState(ctx.contact.id);
        const restored = restore(stored, ctx, options.idleMinutes);
        const outcome = await route(message, restored.active, ctx, stored === null);
        await repo.saveFlowState(
          ctx.contact.id,
          outcome.active
            ? { flowId: outcome.active.flow.id, version: outcome.active.flow.version, state: outcome.active.state, activeAt: ctx.now }
            : null,
        );
        return [...restored.notes, ...outcome.replies];
      });
    },

    promptAfterInterruption(channel, platformUserId) {
      return options.store.transaction(lockKey(channel, platformUserId), async (repo) => {
        // A notice is not the person writing: touching the contact would count an interaction
        // (Zalo's reply window) and make a contact who blocked the bot active again.
        const contact = await repo.findContact(channel, platformUserId);
        if (!contact) return [];
        const ctx = await contextOf(repo, contact, options.clock.now());
        const { active } = restore(await repo.loadFlowState(ctx.contact.id), ctx, options.idleMinutes);
        if (!active) return [];
        return [...(await promptOf(active, ctx))];
      });
    },
  };
}

function lockKey(channel: ChannelId, platformUserId: string): string {
  return `contact:${channel}:${platformUserId}`;
}

async function route(message: InboundMessage, active: Active | null, ctx: FlowContext, firstContact: boolean): Promise<Outcome> {
  const command = commandOf(message);
  // Inside a report, "gửi báo cáo" typed out is the answer "submit", not the command to start one.
  const typedReportWords = command?.command === 'report' && !message.payload && !message.text?.trim().startsWith('/');
  if (command && !(typedReportWords && active?.flow.id === 'report')) {
    return runCommand(command.command, command.argument, active, ctx);
  }
  if (active) return step(active, message, ctx);
  return idle(message, ctx, firstContact);
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
    default:
      return parseCommand(message.text);
  }
}

async function runCommand(command: Command, argument: string, active: Active | null, ctx: FlowContext): Promise<Outcome> {
  // Looking something up does not leave the form: the answer, then the question again.
  const thenResume = async (replies: readonly Reply[]): Promise<Outcome> => ({
    active,
    replies: [...replies, ...(active ? await promptOf(active, ctx) : [])],
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
    case 'report': {
      if (active?.flow.id === 'report') return { active, replies: await promptOf(active, ctx) };
      const started = await startReport(ctx);
      // Not a member yet, or no period open: a registration under way is not thrown away for it.
      if (started.kind === 'done' && active) return thenResume(started.replies);
      return fromStep(reportFlow, started);
    }
    case 'start':
      return start(argument, ctx);
  }
}

async function start(argument: string, ctx: FlowContext): Promise<Outcome> {
  if (argument) {
    const linked = await linkByInviteCode(argument, ctx);
    if (linked) return fromStep(registrationFlow, linked);
    const known = ctx.member ? [] : await fromStep(registrationFlow, startRegistration(ctx)).replies;
    return {
      active: ctx.member ? null : { flow: registrationFlow, state: { step: 'identify' } },
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
    return { active: null, replies: [{ text: 'Kính chào Anh/Chị (Văn phòng Hiệp hội). Gõ /trogiup để xem các lệnh.' }] };
  }
  return fromStep(registrationFlow, startRegistration(ctx));
}

/** A message outside any flow: a newcomer is asked who they are; a member gets the menu. */
async function idle(message: InboundMessage, ctx: FlowContext, firstContact: boolean): Promise<Outcome> {
  if (!ctx.member && ctx.contact.role === 'member') {
    // The office hands out invite codes to type: the first message may well be one.
    const text = message.text?.trim() ?? '';
    const linked = looksLikeInviteCode(text) ? await linkByInviteCode(text, ctx) : null;
    if (linked) return fromStep(registrationFlow, linked);
    const looksLikeAnswer = Boolean(message.sharedPhone) || parseTaxCode(message.text ?? '').ok;
    if (!looksLikeAnswer) return fromStep(registrationFlow, startRegistration(ctx));
    const greeting = firstContact ? startRegistration(ctx).replies.slice(0, 1) : [];
    const answered = await fromStep(registrationFlow, await identifyFirst(message, ctx));
    return { active: answered.active, replies: [...greeting, ...answered.replies] };
  }
  if (ctx.member && ctx.member.status === 'pending') {
    return {
      active: null,
      replies: [{ text: `Hồ sơ của ${ctx.member.name} đang chờ Văn phòng Hiệp hội duyệt. Anh/Chị có thể xem kế hoạch: /kehoach.` }],
    };
  }
  if (message.attachment) {
    return {
      active: null,
      replies: [{ text: 'Tôi đã nhận tệp, nhưng tệp chỉ được lưu khi kèm báo cáo. Anh/Chị gõ /baocao; tệp được nhận ở mục cuối.', choices: mainMenu }],
    };
  }
  const quoted = message.text?.trim() ? `“${message.text.trim().slice(0, 60)}”` : 'tin nhắn này';
  return {
    active: null,
    replies: [{ text: `Xin lỗi, tôi chưa hiểu ${quoted}. Anh/Chị chọn một việc dưới đây, hoặc gõ /trogiup.`, choices: mainMenu }],
  };
}

function cancelReply(active: Active | null, ctx: FlowContext): Reply {
  const menu = ctx.member?.status === 'active' ? mainMenu : undefined;
  if (active?.flow.id === 'report') return { text: reportPausedText, choices: menu };
  if (active?.flow.id === 'registration') return { text: 'Đã dừng đăng ký. Gõ /start khi Anh/Chị muốn làm lại.' };
  return { text: 'Hiện không có việc gì đang làm dở.', choices: menu };
}

async function step(active: Active, message: InboundMessage, ctx: FlowContext): Promise<Outcome> {
  if (active.flow.id === 'report' && isReport(active)) return fromStep(reportFlow, await reportFlow.next(active.state, message, ctx));
  if (isRegistration(active)) return fromStep(registrationFlow, await registrationFlow.next(active.state, message, ctx));
  return { active: null, replies: [] };
}

function promptOf(active: Active, ctx: FlowContext): Promise<readonly Reply[]> {
  if (isReport(active)) return reportFlow.prompt(active.state, ctx);
  if (isRegistration(active)) return registrationFlow.prompt(active.state, ctx);
  return Promise.resolve([]);
}

function isReport(active: Active): active is { flow: Flow<ReportState>; state: ReportState } {
  return active.flow === reportFlow;
}

function isRegistration(active: Active): active is { flow: Flow<RegistrationState>; state: RegistrationState } {
  return active.flow === registrationFlow;
}

function fromStep(flow: Flow<ReportState>, result: FlowStep<ReportState>): Outcome;
function fromStep(flow: Flow<RegistrationState>, result: FlowStep<RegistrationState>): Outcome;
function fromStep(
  flow: Flow<ReportState> | Flow<RegistrationState>,
  result: FlowStep<ReportState> | FlowStep<RegistrationState>,
): Outcome {
  if (result.kind === 'done') return { active: null, replies: result.replies };
  const active = toActive(flow, result.state);
  return { active, replies: result.replies };
}

function toActive(flow: Flow<ReportState> | Flow<RegistrationState>, state: unknown): Active | null {
  if (flow === reportFlow) {
    const parsed = reportFlow.stateSchema.safeParse(state);
    return parsed.success ? { flow: reportFlow, state: parsed.data } : null;
  }
  const parsed = registrationFlow.stateSchema.safeParse(state);
  return parsed.success ? { flow: registrationFlow, state: parsed.data } : null;
}

/**
 * The stored state as a flow to go on with, unless it is of an older version or shape (dropped,
 * with a word) or was left alone longer than `idleMinutes` (ended politely; a report's draft stays).
 */
function restore(
  stored: FlowStateRecord | null,
  ctx: FlowContext,
  idleMinutes: number,
): { active: Active | null; notes: Reply[] } {
  if (!stored) return { active: null, notes: [] };
  const flow = stored.flowId === reportFlow.id ? reportFlow : stored.flowId === registrationFlow.id ? registrationFlow : null;
  const active = flow && stored.version === flow.version ? toActive(flow, stored.state) : null;
  if (!active) {
    return { active: null, notes: [{ text: 'Hệ thống vừa được cập nhật nên cuộc trò chuyện trước đã kết thúc. Xin Anh/Chị bắt đầu lại.' }] };
  }
  const idleMs = ctx.now.getTime() - stored.activeAt.getTime();
  if (idleMs > idleMinutes * 60_000) {
    const text =
      active.flow.id === 'report'
        ? 'Phiên nhập báo cáo trước đã tạm dừng vì lâu không có trả lời; những gì đã nhập vẫn được lưu. Gõ /baocao để tiếp tục.'
        : 'Phiên đăng ký trước đã tạm dừng vì lâu không có trả lời.';
    return { active: null, notes: [{ text }] };
  }
  return { active, notes: [] };
}
