import type { InboundMessage, Reply } from '../core/messages';
import { announcementFlow } from './announcement-flow';
import type { Flow, FlowContext, FlowStep } from './flow';
import { planImportFlow } from './plan-import-flow';
import { registrationFlow } from './registration-flow';
import { reportFlow } from './report-flow';

/**
 * A flow in progress with its state, the state's type hidden behind closures: the engine handles
 * every flow the same way without knowing their state types.
 */
export interface ActiveFlow {
  readonly id: string;
  readonly version: number;
  readonly state: unknown;
  next(message: InboundMessage, ctx: FlowContext): Promise<Outcome>;
  prompt(ctx: FlowContext): Promise<readonly Reply[]>;
  takesFreeText(ctx: FlowContext): Promise<boolean>;
}

/** Where a step leaves the conversation: in a flow (whose state is saved), or out of any. */
export interface Outcome {
  readonly active: ActiveFlow | null;
  readonly replies: readonly Reply[];
}

export function activate<S>(flow: Flow<S>, state: S): ActiveFlow {
  return {
    id: flow.id,
    version: flow.version,
    state,
    next: async (message, ctx) => outcomeOf(flow, await flow.next(state, message, ctx)),
    prompt: (ctx) => flow.prompt(state, ctx),
    takesFreeText: async (ctx) => (flow.takesFreeText ? flow.takesFreeText(state, ctx) : false),
  };
}

export function outcomeOf<S>(flow: Flow<S>, step: FlowStep<S>): Outcome {
  return step.kind === 'done' ? { active: null, replies: step.replies } : { active: activate(flow, step.state), replies: step.replies };
}

/** Every flow whose state may be stored, by id: a stored state is checked against its schema. */
const restorers: Readonly<Record<string, (version: number, state: unknown) => ActiveFlow | null>> = {
  [registrationFlow.id]: (version, state) => restoreWith(registrationFlow, version, state),
  [reportFlow.id]: (version, state) => restoreWith(reportFlow, version, state),
  [announcementFlow.id]: (version, state) => restoreWith(announcementFlow, version, state),
  [planImportFlow.id]: (version, state) => restoreWith(planImportFlow, version, state),
};

/** The stored state as a flow to go on with; null for an unknown flow, another version or a bad shape. */
export function restoreFlow(flowId: string, version: number, state: unknown): ActiveFlow | null {
  return Object.hasOwn(restorers, flowId) ? (restorers[flowId]?.(version, state) ?? null) : null;
}

function restoreWith<S>(flow: Flow<S>, version: number, state: unknown): ActiveFlow | null {
  if (version !== flow.version) return null;
  const parsed = flow.stateSchema.safeParse(state);
  return parsed.success ? activate(flow, parsed.data) : null;
}
