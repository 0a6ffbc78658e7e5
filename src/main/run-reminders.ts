import type { Clock } from '../core/clock';
import { planReminders } from '../core/reminders/plan-reminders';
import type { ReminderSettings } from '../core/reminders/reminder-settings';
import type { PrismaClient } from '../db/generated/client';
import { createPrismaReminderRepository, type ReminderToRecord } from '../db/prisma-reminder-repository';
import { reminderDigest, reminderMessage } from '../flows/reminder-message';
import { metrics } from '../metrics/metrics';
import type { Queues } from '../queue/queues';

export interface ReminderRun {
  readonly sent: number;
  readonly skipped: number;
  /** Delivery rows made by this run (reminders and digests). */
  readonly deliveryIds: readonly number[];
}

/**
 * One reminder tick: plan (pure), record each reminder once, queue the messages of those this run
 * recorded first, and a digest for the office and the areas' heads. Safe to run from several
 * schedulers at once, again after a restart, or by hand: the reminder log's unique row decides.
 */
export async function runReminders(deps: {
  prisma: PrismaClient;
  clock: Clock;
  settings: ReminderSettings;
  /** Where to put the send jobs; without it the sweeper picks the rows up. */
  queues?: Queues;
}): Promise<ReminderRun> {
  const now = deps.clock.now();
  const repo = createPrismaReminderRepository(deps.prisma);
  const input = await repo.loadPlanInput(now);
  const plan = planReminders({ now, settings: deps.settings, ...input });
  const periods = new Map(input.periods.map((p) => [p.id, p]));
  const daysLeftOf = new Map(plan.send.map((r) => [`${r.memberId}:${r.periodId}:${r.offsetKey}`, r.daysLeft]));

  const toRecord: ReminderToRecord[] = [...plan.send, ...plan.skip.map((r) => ({ ...r, skippedReason: r.reason }))];
  const recorded = await repo.record(
    toRecord,
    (reminder, draft) => {
      const period = periods.get(reminder.periodId);
      return reminderMessage({
        periodName: period?.name ?? 'Báo cáo',
        deadlineText: period?.deadlineText ?? '',
        daysLeft: daysLeftOf.get(`${reminder.memberId}:${reminder.periodId}:${reminder.offsetKey}`) ?? 0,
        draft,
      });
    },
    now,
  );

  // Only what this run recorded first: a racing run's reminders are counted once, by that run.
  for (const { channel } of recorded.deliveries) metrics.reminders.inc({ channel });

  // The digest: one per period and reminder slot that went out now, to each staff contact.
  const deliveries = [...recorded.deliveries];
  const slotsSent = new Map<string, { periodId: number; offsetKey: string }>();
  for (const r of plan.send) slotsSent.set(`${r.periodId}:${r.offsetKey}`, { periodId: r.periodId, offsetKey: r.offsetKey });
  if (slotsSent.size > 0 && recorded.deliveries.length > 0) {
    const staff = await repo.digestRecipients();
    for (const { periodId, offsetKey } of slotsSent.values()) {
      const period = periods.get(periodId);
      if (!period) continue;
      const areas = await repo.notFiledByArea(periodId);
      for (const contact of staff) {
        const areaId = contact.role === 'unit_head' ? (contact.areaId ?? contact.member?.areaId ?? null) : undefined;
        const mine = areaId === undefined ? areas : areas.filter((a) => a.areaId === areaId);
        if (mine.length === 0) continue;
        const queued = await repo.queueNotice({
          dedupeKey: `digest:${periodId}:${offsetKey}:${contact.id}`,
          contactId: contact.id,
          channel: contact.channel,
          message: reminderDigest({ periodName: period.name, deadlineText: period.deadlineText, areas: mine }),
        });
        if (queued) deliveries.push(queued);
      }
    }
  }
  if (deps.queues) await deps.queues.enqueueDeliveries(deliveries);
  return { sent: plan.send.length, skipped: plan.skip.length, deliveryIds: deliveries.map((d) => d.id) };
}
