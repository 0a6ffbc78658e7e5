import type { z } from 'zod';
import type { ChannelCapabilities, InboundMessage, Reply } from '../core/messages';
import type { ContactRecord, ConversationRepository, MemberRecord } from './conversation-repository';

/** What a flow step may know and use: no platform, no clock of its own, data only through `repo`. */
export interface FlowContext {
  readonly repo: ConversationRepository;
  readonly now: Date;
  readonly timeZone: string;
  readonly contact: ContactRecord;
  readonly member: MemberRecord | null;
  readonly capabilities: ChannelCapabilities;
  /** The public page of a campaign's full text. */
  planPageUrl(year: number): string;
  /** A page of the office's dashboard (`/admin/...`), for links in office staff's replies. */
  adminUrl(path: string): string;
  /** The text of a document a contact sent (stored under DATA_DIR by the channel), or why it cannot be read. */
  readDocument(file: { readonly storagePath: string; readonly fileName: string }): Promise<DocumentText>;
}

/** A document's text, or a Vietnamese sentence saying why there is none, to send as it is. */
export type DocumentText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export type FlowStep<S> =
  | { readonly kind: 'continue'; readonly state: S; readonly replies: readonly Reply[] }
  | { readonly kind: 'done'; readonly replies: readonly Reply[] };

/**
 * A conversation as a state machine: the engine loads `state`, calls `next` with the person's
 * message, saves what comes back and sends the replies. State is JSON and validated with
 * `stateSchema` when loaded; a stored state of another `version` is dropped, politely.
 */
export interface Flow<S> {
  readonly id: string;
  readonly version: number;
  readonly stateSchema: z.ZodType<S>;
  next(state: S, message: InboundMessage, ctx: FlowContext): Promise<FlowStep<S>>;
  /** The current question again: after an interruption, or when the person asks for it. */
  prompt(state: S, ctx: FlowContext): Promise<readonly Reply[]>;
  /**
   * True when the current question takes free text (a name, a few lines): there a bare word
   * such as "Huy" or "kế hoạch" is an answer, and only slash commands act as commands.
   */
  takesFreeText?(state: S, ctx: FlowContext): Promise<boolean> | boolean;
}

export function continueWith<S>(state: S, ...replies: Reply[]): FlowStep<S> {
  return { kind: 'continue', state, replies };
}

export function done<S>(...replies: Reply[]): FlowStep<S> {
  return { kind: 'done', replies };
}
