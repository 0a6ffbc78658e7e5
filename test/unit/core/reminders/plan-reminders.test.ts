import {
  planReminders,
  type PlanRemindersInput,
  type ReminderPlan,
} from '../../../../src/core/reminders/plan-reminders';
import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
} from '../../../../src/core/reminders/reminder-settings';
import { reminderSlots } from '../../../../src/core/reminders/reminder-slots';

/** A wall-clock reading in Vietnam (UTC+7, no daylight saving) as an instant. */
const vn = (local: string): Date => new Date(`${local}${local.length === 16 ? ':00.000' : ''}+07:00`);

// 2022 plan: the 6-month report is due "before 10/7/2022", the annual one "before 10/12/2022".
const SIX_MONTH = 1;
const ANNUAL = 2;
const sixMonth = { id: SIX_MONTH, opensAt: vn('2022-06-01T00:00'), deadlineAt: vn('2022-07-10T00:00') };
const annual = { id: ANNUAL, opensAt: vn('2022-11-01T00:00'), deadlineAt: vn('2022-12-10T00:00') };

type Member = PlanRemindersInput['members'][number];
type LogRow = PlanRemindersInput['log'][number];

const member = (id: number, change: Partial<Member> = {}): Member => ({
  id,
  registeredAt: vn('2022-01-01T00:00'),
  reachable: true,
  ...change,
});

const settings = (change: Partial<ReminderSettings> = {}): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  ...change,
});

const logged = (memberId: number, periodId: number, ...keys: string[]): LogRow[] =>
  keys.map((offsetKey) => ({ memberId, periodId, offsetKey }));

function plan(change: Partial<PlanRemindersInput> & { now: Date }): ReminderPlan {
  return planReminders({
    settings: settings(),
    periods: [sixMonth],
    members: [member(1)],
    submitted: [],
    log: [],
    ...change,
  });
}

/** Compact lines: `m1 p1 D-3 @2022-07-07T08:00 left 3`, plus the reason for skips. */
function lines(result: ReminderPlan): { send: string[]; skip: string[]; unreachable: string[] } {
  const local = (at: Date): string => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
  return {
    send: result.send.map((r) => `m${r.memberId} p${r.periodId} ${r.offsetKey} @${local(r.dueAt)} left ${r.daysLeft}`),
    skip: result.skip.map(
      (r) => `m${r.memberId} p${r.periodId} ${r.offsetKey} @${local(r.dueAt)} left ${r.daysLeft} ${r.reason}`,
    ),
    unreachable: result.unreachable.map((r) => `m${r.memberId} p${r.periodId} ${r.offsetKey}`),
  };
}

/** What the scheduler does with a plan: record every sent and skipped reminder. */
const record = (result: ReminderPlan): LogRow[] =>
  [...result.send, ...result.skip].map(({ memberId, periodId, offsetKey }) => ({ memberId, periodId, offsetKey }));

const nothing = { send: [], skip: [], unreachable: [] };

describe('planReminders', () => {
  describe('when a slot becomes due', () => {
    it.each<[string, string[]]>([
      ['2022-07-07T07:59:59.999', []],
      ['2022-07-07T08:00:00.000', ['m1 p1 D-3 @2022-07-07T08:00 left 3']],
      ['2022-07-07T08:00:00.001', ['m1 p1 D-3 @2022-07-07T08:00 left 3']],
      ['2022-07-07T20:59:59.999', ['m1 p1 D-3 @2022-07-07T08:00 left 3']],
    ])('at %s sends %j (D-3 is due at 08:00:00.000)', (now, send) => {
      const result = plan({ now: vn(now), log: logged(1, SIX_MONTH, 'D-14', 'D-7') });
      expect(lines(result)).toEqual({ send, skip: [], unreachable: [] });
    });

    it('returns the due instant itself, 2022-07-07T01:00Z for D-3 of the 6-month report', () => {
      const result = plan({ now: vn('2022-07-07T08:00'), log: logged(1, SIX_MONTH, 'D-14', 'D-7') });
      expect(result.send).toEqual([
        { memberId: 1, periodId: SIX_MONTH, offsetKey: 'D-3', dueAt: new Date('2022-07-07T01:00:00.000Z'), daysLeft: 3 },
      ]);
    });

    it('sends nothing before the period has any slot', () => {
      expect(plan({ now: vn('2022-05-20T09:00') })).toEqual(nothing);
    });
  });

  describe('the deadline day in the zone', () => {
    // The deadline 10/7 00:00 in Vietnam is 9/7 17:00 in UTC; a UTC reading would put the last day on 8/7.
    const log = logged(1, SIX_MONTH, 'D-14', 'D-7', 'D-3');

    it.each<[string, string[]]>([
      ['2022-07-08T08:00', []],
      ['2022-07-08T20:00', []],
      ['2022-07-09T07:59:59.999', []],
      ['2022-07-09T08:00', ['m1 p1 D-1 @2022-07-09T08:00 left 1']],
    ])('at %s (Vietnam) sends %j', (now, send) => {
      expect(lines(plan({ now: vn(now), log })).send).toEqual(send);
    });

    it('sends D-1 at 2022-07-09T01:00Z, the morning of 9/7 in Vietnam and still 9/7 in UTC', () => {
      const result = plan({ now: new Date('2022-07-09T01:00:00.000Z'), log });
      expect(result.send.map((r) => [r.offsetKey, r.dueAt.toISOString(), r.daysLeft])).toEqual([
        ['D-1', '2022-07-09T01:00:00.000Z', 1],
      ]);
    });
  });

  describe('the last day', () => {
    it('sends D-1 once on 9/7 08:00 for the 6-month report, the last-day morning being the same slot', () => {
      const result = plan({ now: vn('2022-07-09T08:00'), log: logged(1, SIX_MONTH, 'D-14', 'D-7', 'D-3') });
      expect(lines(result)).toEqual({ send: ['m1 p1 D-1 @2022-07-09T08:00 left 1'], skip: [], unreachable: [] });
    });

    it.each<[boolean, string[]]>([
      [true, ['m1 p1 D-1 @2022-07-09T08:00 left 1']],
      [false, []],
    ])('without a 1-day offset, lastDayMorning %p decides whether 9/7 gets a reminder', (lastDayMorning, send) => {
      const result = plan({
        now: vn('2022-07-09T08:00'),
        settings: settings({ offsetsDays: [14, 7, 3], lastDayMorning }),
        log: logged(1, SIX_MONTH, 'D-14', 'D-7', 'D-3'),
      });
      expect(lines(result)).toEqual({ send, skip: [], unreachable: [] });
    });
  });

  describe('submissions', () => {
    it('does not remind a member who submits between planning and sending', () => {
      const now = vn('2022-07-07T08:00');
      const log = logged(1, SIX_MONTH, 'D-14', 'D-7');
      expect(lines(plan({ now, log })).send).toEqual(['m1 p1 D-3 @2022-07-07T08:00 left 3']);
      expect(plan({ now, log, submitted: [{ memberId: 1, periodId: SIX_MONTH }] })).toEqual(nothing);
    });

    it('removes every pending slot of that period without recording them, after a downtime too', () => {
      const result = plan({ now: vn('2022-07-12T09:00'), submitted: [{ memberId: 1, periodId: SIX_MONTH }] });
      expect(result).toEqual(nothing);
    });

    it('removes only the submitted period, and only for that member', () => {
      const result = plan({
        now: vn('2022-12-09T08:00'),
        periods: [annual, sixMonth],
        members: [member(1), member(2)],
        submitted: [
          { memberId: 1, periodId: ANNUAL },
          { memberId: 2, periodId: SIX_MONTH },
        ],
        log: [...logged(1, ANNUAL, 'D-14', 'D-7', 'D-3'), ...logged(2, ANNUAL, 'D-14', 'D-7', 'D-3')],
      });
      expect(lines(result).send).toEqual(['m2 p2 D-1 @2022-12-09T08:00 left 1']);
      // Member 1 never submitted the 6-month report, and its late window (to 8/9) closed long ago.
      expect(lines(result).skip).toEqual([
        'm1 p1 D-14 @2022-06-26T08:00 left -152 deadline_passed',
        'm1 p1 D-7 @2022-07-03T08:00 left -152 deadline_passed',
        'm1 p1 D-3 @2022-07-07T08:00 left -152 deadline_passed',
        'm1 p1 D-1 @2022-07-09T08:00 left -152 deadline_passed',
        'm1 p1 D+1 @2022-07-11T08:00 left -152 period_closed',
        'm1 p1 D+3 @2022-07-13T08:00 left -152 period_closed',
      ]);
    });
  });

  describe('registration', () => {
    it('gives a member who registered after the 7-day reminder the 3-day one, and nothing for D-7', () => {
      const late = member(1, { registeredAt: vn('2022-07-05T10:00') });
      expect(plan({ now: vn('2022-07-05T10:00'), members: [late] })).toEqual(nothing);
      expect(lines(plan({ now: vn('2022-07-07T08:00'), members: [late] }))).toEqual({
        send: ['m1 p1 D-3 @2022-07-07T08:00 left 3'],
        skip: [],
        unreachable: [],
      });
    });

    it.each<[string, Date, string[]]>([
      ['1 ms before D-7', new Date(vn('2022-07-03T08:00').getTime() - 1), ['m1 p1 D-7 @2022-07-03T08:00 left 7']],
      ['exactly at D-7', vn('2022-07-03T08:00'), ['m1 p1 D-7 @2022-07-03T08:00 left 7']],
      ['1 ms after D-7', new Date(vn('2022-07-03T08:00').getTime() + 1), []],
    ])('registered %s: D-7 is theirs only if they were registered at its time', (_name, registeredAt, send) => {
      const result = plan({
        now: vn('2022-07-03T08:00'),
        members: [member(1, { registeredAt })],
        log: logged(1, SIX_MONTH, 'D-14'),
      });
      expect(lines(result)).toEqual({ send, skip: [], unreachable: [] });
    });

    it('compares registration with the moved due time, not the nominal one', () => {
      // Sunday 3/7 08:00 moves to Monday 4/7 07:00; registering on Sunday afternoon is in time.
      const result = plan({
        now: vn('2022-07-04T07:00'),
        settings: settings({ skipSundays: true }),
        members: [member(1, { registeredAt: vn('2022-07-03T15:00') })],
      });
      expect(lines(result).send).toEqual(['m1 p1 D-7 @2022-07-04T07:00 left 6']);
    });

    it('sends a member who registers after the deadline the follow-ups that come after', () => {
      const result = plan({
        now: vn('2022-07-11T08:00'),
        members: [member(1, { registeredAt: vn('2022-07-10T20:00') })],
      });
      expect(lines(result)).toEqual({ send: ['m1 p1 D+1 @2022-07-11T08:00 left -1'], skip: [], unreachable: [] });
    });
  });

  describe('members with no active contact', () => {
    const unreachable = member(1, { reachable: false });

    it('sends nothing, records the slot as no_contact and lists the member for the digest', () => {
      const result = plan({ now: vn('2022-07-07T08:00'), members: [unreachable], log: logged(1, SIX_MONTH, 'D-14', 'D-7') });
      expect(lines(result)).toEqual({
        send: [],
        skip: ['m1 p1 D-3 @2022-07-07T08:00 left 3 no_contact'],
        unreachable: ['m1 p1 D-3'],
      });
      expect(result.unreachable).toEqual([{ memberId: 1, periodId: SIX_MONTH, offsetKey: 'D-3' }]);
    });

    it('lists the member once per slot: the recorded skip is not reconsidered at the next tick', () => {
      const log = logged(1, SIX_MONTH, 'D-14', 'D-7');
      const first = plan({ now: vn('2022-07-07T08:00'), members: [unreachable], log });
      const second = plan({ now: vn('2022-07-07T08:15'), members: [unreachable], log: [...log, ...record(first)] });
      expect(second).toEqual(nothing);
    });

    it('tries the next slot once a contact is added, without bringing back the skipped one', () => {
      const log = logged(1, SIX_MONTH, 'D-14', 'D-7', 'D-3');
      const result = plan({ now: vn('2022-07-09T08:00'), members: [member(1, { reachable: true })], log });
      expect(lines(result).send).toEqual(['m1 p1 D-1 @2022-07-09T08:00 left 1']);
    });

    it('supersedes the earlier slots after a downtime and reports only the latest', () => {
      const result = plan({ now: vn('2022-07-07T09:00'), members: [unreachable] });
      expect(lines(result)).toEqual({
        send: [],
        skip: [
          'm1 p1 D-14 @2022-06-26T08:00 left 3 superseded',
          'm1 p1 D-7 @2022-07-03T08:00 left 3 superseded',
          'm1 p1 D-3 @2022-07-07T08:00 left 3 no_contact',
        ],
        unreachable: ['m1 p1 D-3'],
      });
    });

    it('does not list a member who has submitted', () => {
      const result = plan({
        now: vn('2022-07-07T08:00'),
        members: [unreachable],
        submitted: [{ memberId: 1, periodId: SIX_MONTH }],
      });
      expect(result).toEqual(nothing);
    });
  });

  describe('quiet hours', () => {
    it.each([['2022-07-07T21:00'], ['2022-07-07T23:00'], ['2022-07-08T00:00'], ['2022-07-08T06:59:59.999']])(
      'at %s sends and skips nothing: the due slots wait',
      (now) => {
        // The scheduler was down at 08:00; D-14 and D-7 were never recorded.
        expect(plan({ now: vn(now) })).toEqual(nothing);
      },
    );

    it('sends the waiting slot at 07:00, late, saying how many days are left then', () => {
      const result = plan({ now: vn('2022-07-08T07:00'), log: logged(1, SIX_MONTH, 'D-14', 'D-7') });
      expect(lines(result).send).toEqual(['m1 p1 D-3 @2022-07-07T08:00 left 2']);
    });

    it('moves sendAt 22:00 to 07:00 the next day: nothing at 23:00, D-7 at 4/7 07:00', () => {
      const evening = settings({ sendAt: { hour: 22, minute: 0 } });
      const log = logged(1, SIX_MONTH, 'D-14');
      expect(plan({ now: vn('2022-07-03T22:00'), settings: evening, log })).toEqual(nothing);
      expect(plan({ now: vn('2022-07-03T23:00'), settings: evening, log })).toEqual(nothing);
      expect(plan({ now: vn('2022-07-04T06:59:59.999'), settings: evening, log })).toEqual(nothing);
      expect(lines(plan({ now: vn('2022-07-04T07:00'), settings: evening, log }))).toEqual({
        send: ['m1 p1 D-7 @2022-07-04T07:00 left 6'],
        skip: [],
        unreachable: [],
      });
    });
  });

  describe('Sundays', () => {
    // 3/7/2022 was a Sunday and D-7 of the 6-month report; reminder-slots.test.ts checks the calendar.
    const log = logged(1, SIX_MONTH, 'D-14');

    it.each<[boolean, string, string[]]>([
      [false, '2022-07-03T08:00', ['m1 p1 D-7 @2022-07-03T08:00 left 7']],
      [true, '2022-07-03T08:00', []],
      [true, '2022-07-03T20:00', []],
      [true, '2022-07-04T06:59:59.999', []],
      [true, '2022-07-04T07:00', ['m1 p1 D-7 @2022-07-04T07:00 left 6']],
    ])('with skipSundays %p, at %s sends %j', (skipSundays, now, send) => {
      expect(lines(plan({ now: vn(now), settings: settings({ skipSundays }), log }))).toEqual({
        send,
        skip: [],
        unreachable: [],
      });
    });

    it('sends nothing at all on a skipped Sunday, not even a skip', () => {
      expect(plan({ now: vn('2022-07-03T10:00'), settings: settings({ skipSundays: true }) })).toEqual(nothing);
    });
  });

  describe('catch-up after downtime', () => {
    it('sends only D-3 after a downtime spanning D-7 and D-3, and skips D-7 as superseded', () => {
      const result = plan({ now: vn('2022-07-07T09:30'), log: logged(1, SIX_MONTH, 'D-14') });
      expect(lines(result)).toEqual({
        send: ['m1 p1 D-3 @2022-07-07T08:00 left 3'],
        skip: ['m1 p1 D-7 @2022-07-03T08:00 left 3 superseded'],
        unreachable: [],
      });
    });

    it('sends the latest slot a day late, with the days left at sending', () => {
      const result = plan({ now: vn('2022-07-08T10:00'), log: logged(1, SIX_MONTH, 'D-14') });
      expect(lines(result)).toEqual({
        send: ['m1 p1 D-3 @2022-07-07T08:00 left 2'],
        skip: ['m1 p1 D-7 @2022-07-03T08:00 left 2 superseded'],
        unreachable: [],
      });
    });

    it('skips a slot earlier than one already recorded, so D-7 never follows D-3', () => {
      // E.g. the 7-day offset was added to the settings after D-3 went out.
      const result = plan({ now: vn('2022-07-07T10:00'), log: logged(1, SIX_MONTH, 'D-3') });
      expect(lines(result)).toEqual({
        send: [],
        skip: [
          'm1 p1 D-14 @2022-06-26T08:00 left 3 superseded',
          'm1 p1 D-7 @2022-07-03T08:00 left 3 superseded',
        ],
        unreachable: [],
      });
    });

    it('ignores log keys it did not write when deciding what is superseded', () => {
      const log = [...logged(1, SIX_MONTH, 'D-14', 'D-7'), ...logged(1, SIX_MONTH, 'manual', 'D+x')];
      expect(lines(plan({ now: vn('2022-07-07T08:00'), log })).send).toEqual(['m1 p1 D-3 @2022-07-07T08:00 left 3']);
    });

    it('only sees the log of its own member and period', () => {
      const log = [...logged(2, SIX_MONTH, 'D-3'), ...logged(1, ANNUAL, 'D+3'), ...logged(1, SIX_MONTH, 'D-14', 'D-7')];
      expect(lines(plan({ now: vn('2022-07-07T08:00'), log })).send).toEqual(['m1 p1 D-3 @2022-07-07T08:00 left 3']);
    });
  });

  describe('after the deadline', () => {
    const beforeDeadline = logged(1, SIX_MONTH, 'D-14', 'D-7', 'D-3');

    it('skips the unsent D-1 as deadline_passed and sends D+1 on 11/7 08:00', () => {
      const result = plan({ now: vn('2022-07-11T08:00'), log: beforeDeadline });
      expect(lines(result)).toEqual({
        send: ['m1 p1 D+1 @2022-07-11T08:00 left -1'],
        skip: ['m1 p1 D-1 @2022-07-09T08:00 left -1 deadline_passed'],
        unreachable: [],
      });
    });

    it('skips D-1 on the deadline day itself and sends nothing until D+1', () => {
      const result = plan({ now: vn('2022-07-10T09:00'), log: beforeDeadline });
      expect(lines(result)).toEqual({
        send: [],
        skip: ['m1 p1 D-1 @2022-07-09T08:00 left 0 deadline_passed'],
        unreachable: [],
      });
      const later = plan({ now: vn('2022-07-11T07:59:59.999'), log: [...beforeDeadline, ...record(result)] });
      expect(later).toEqual(nothing);
    });

    it.each<[string, number, string[], string[]]>([
      ['1 ms before the deadline', -1, ['m1 p1 D-1 @2022-07-09T08:00 left 1'], []],
      ['exactly at the deadline', 0, [], ['m1 p1 D-1 @2022-07-09T08:00 left 0 deadline_passed']],
    ])('%s, D-1 is sent only while the deadline has not passed', (_name, shift, send, skip) => {
      // No quiet hours, so a tick at midnight is allowed.
      const result = plan({
        now: new Date(sixMonth.deadlineAt.getTime() + shift),
        settings: settings({ quietHours: { start: 0, end: 0 } }),
        log: beforeDeadline,
      });
      expect(lines(result)).toEqual({ send, skip, unreachable: [] });
    });

    it('sends only D+3 after a downtime from the last day to 13/7', () => {
      const result = plan({ now: vn('2022-07-13T12:00'), log: beforeDeadline });
      expect(lines(result)).toEqual({
        send: ['m1 p1 D+3 @2022-07-13T08:00 left -3'],
        skip: [
          'm1 p1 D-1 @2022-07-09T08:00 left -3 deadline_passed',
          'm1 p1 D+1 @2022-07-11T08:00 left -3 superseded',
        ],
        unreachable: [],
      });
    });

    it.each<[string, Date, string[], string[]]>([
      ['while late reports are accepted', vn('2022-09-07T08:00'), ['m1 p1 D+3 @2022-07-13T08:00 left -59'], []],
      ['1 ms before they stop (8/9 00:00)', new Date(vn('2022-09-08T00:00').getTime() - 1), ['m1 p1 D+3 @2022-07-13T08:00 left -59'], []],
      ['once they stop (8/9 00:00)', vn('2022-09-08T00:00'), [], ['m1 p1 D+3 @2022-07-13T08:00 left -60 period_closed']],
    ])('a follow-up unsent until %s', (_name, now, send, skip) => {
      const result = plan({
        now,
        settings: settings({ quietHours: { start: 0, end: 0 } }),
        log: [...beforeDeadline, ...logged(1, SIX_MONTH, 'D-1', 'D+1')],
      });
      expect(lines(result)).toEqual({ send, skip, unreachable: [] });
    });
  });

  describe('the annual report (before 10/12/2022)', () => {
    it.each<[string, string[], string[]]>([
      ['2022-11-26T08:00', [], ['m1 p2 D-14 @2022-11-26T08:00 left 14']],
      ['2022-12-03T08:00', ['D-14'], ['m1 p2 D-7 @2022-12-03T08:00 left 7']],
      ['2022-12-07T08:00', ['D-14', 'D-7'], ['m1 p2 D-3 @2022-12-07T08:00 left 3']],
      ['2022-12-09T08:00', ['D-14', 'D-7', 'D-3'], ['m1 p2 D-1 @2022-12-09T08:00 left 1']],
      ['2022-12-11T08:00', ['D-14', 'D-7', 'D-3', 'D-1'], ['m1 p2 D+1 @2022-12-11T08:00 left -1']],
      ['2022-12-13T08:00', ['D-14', 'D-7', 'D-3', 'D-1', 'D+1'], ['m1 p2 D+3 @2022-12-13T08:00 left -3']],
    ])('at %s with %j recorded sends %j', (now, keys, send) => {
      const result = plan({ now: vn(now), periods: [sixMonth, annual], submitted: [{ memberId: 1, periodId: SIX_MONTH }], log: logged(1, ANNUAL, ...keys) });
      expect(lines(result)).toEqual({ send, skip: [], unreachable: [] });
    });

    it('waits for Monday 12/12 07:00 to send D+1 when Sundays are skipped', () => {
      const input = { periods: [annual], settings: settings({ skipSundays: true }), log: logged(1, ANNUAL, 'D-14', 'D-7', 'D-3', 'D-1') };
      expect(plan({ ...input, now: vn('2022-12-11T08:00') })).toEqual(nothing);
      expect(lines(plan({ ...input, now: vn('2022-12-12T07:00') })).send).toEqual(['m1 p2 D+1 @2022-12-12T07:00 left -2']);
    });
  });

  describe('idempotence', () => {
    it.each([['2022-07-07T08:00'], ['2022-07-07T09:30'], ['2022-07-11T08:00'], ['2022-09-20T10:00']])(
      'plans nothing the second time at %s once the first plan is recorded',
      (now) => {
        const input = {
          now: vn(now),
          members: [member(1), member(2, { reachable: false }), member(3, { registeredAt: vn('2022-07-05T00:00') })],
        };
        const first = plan(input);
        expect(first.send.length + first.skip.length).toBeGreaterThan(0);
        expect(plan({ ...input, log: record(first) })).toEqual(nothing);
      },
    );

    it('sends every slot exactly once, on the first tick at or after it, when ticking every 15 minutes', () => {
      const members = [
        member(1),
        member(2, { registeredAt: vn('2022-07-05T12:00') }),
        member(3, { reachable: false }),
        member(4),
      ];
      const submittedOn = new Map([[4, vn('2022-07-08T12:00').getTime()]]);
      const log: LogRow[] = [];
      const sent: string[] = [];
      const skipped: string[] = [];
      const start = vn('2022-06-25T00:00').getTime();
      const end = vn('2022-07-15T00:00').getTime();
      for (let tick = start; tick <= end; tick += 15 * 60_000) {
        const submitted = [...submittedOn].filter(([, at]) => at <= tick).map(([memberId]) => ({ memberId, periodId: SIX_MONTH }));
        const result = plan({ now: new Date(tick), members, submitted, log });
        for (const r of result.send) {
          expect(r.dueAt.getTime()).toBeLessThanOrEqual(tick);
          expect(tick - r.dueAt.getTime()).toBeLessThan(15 * 60_000);
          sent.push(`m${r.memberId} ${r.offsetKey}`);
        }
        skipped.push(...result.skip.map((r) => `m${r.memberId} ${r.offsetKey} ${r.reason}`));
        log.push(...record(result));
      }
      expect(sent).toEqual([
        'm1 D-14', 'm4 D-14',
        'm1 D-7', 'm4 D-7',
        'm1 D-3', 'm2 D-3', 'm4 D-3',
        'm1 D-1', 'm2 D-1',
        'm1 D+1', 'm2 D+1',
        'm1 D+3', 'm2 D+3',
      ]);
      expect(skipped).toEqual(['m3 D-14 no_contact', 'm3 D-7 no_contact', 'm3 D-3 no_contact', 'm3 D-1 no_contact', 'm3 D+1 no_contact', 'm3 D+3 no_contact']);
      expect(new Set(log.map((r) => `${r.memberId}:${r.periodId}:${r.offsetKey}`)).size).toBe(log.length);
    });
  });

  describe('ordering and determinism', () => {
    const input = {
      now: vn('2022-07-11T08:00'),
      periods: [annual, sixMonth, { id: 3, opensAt: vn('2022-06-01T00:00'), deadlineAt: vn('2022-07-05T00:00') }],
      members: [member(20), member(3, { reachable: false }), member(11), member(7, { registeredAt: vn('2022-07-08T00:00') })],
      submitted: [{ memberId: 11, periodId: 3 }],
      log: logged(20, SIX_MONTH, 'D-14', 'D-7', 'D-3', 'D-1'),
    };

    it('sorts every list by period, then member, then due time', () => {
      const result = plan(input);
      const order = (rows: ReadonlyArray<{ periodId: number; memberId: number; dueAt?: Date }>): void => {
        for (let i = 1; i < rows.length; i += 1) {
          const a = rows[i - 1];
          const b = rows[i];
          if (a === undefined || b === undefined) throw new Error('unreachable');
          const cmp = a.periodId - b.periodId || a.memberId - b.memberId || (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0);
          expect(cmp).toBeLessThan(0);
        }
      };
      order(result.send);
      order(result.skip);
      order(result.unreachable);
      expect(lines(result).send).toEqual([
        'm7 p1 D+1 @2022-07-11T08:00 left -1',
        'm11 p1 D+1 @2022-07-11T08:00 left -1',
        'm20 p1 D+1 @2022-07-11T08:00 left -1',
        'm7 p3 D+3 @2022-07-08T08:00 left -6',
        'm20 p3 D+3 @2022-07-08T08:00 left -6',
      ]);
      expect(lines(result).unreachable).toEqual(['m3 p1 D+1', 'm3 p3 D+3']);
    });

    it('gives the same plan whatever the order of its input, and leaves the input untouched', () => {
      const reversed = {
        ...input,
        periods: [...input.periods].reverse(),
        members: [...input.members].reverse(),
        log: [...input.log].reverse(),
      };
      const before = JSON.stringify(reversed);
      expect(plan(reversed)).toEqual(plan(input));
      expect(JSON.stringify(reversed)).toBe(before);
    });

    it('returns fresh Date objects, so a caller changing one cannot change another', () => {
      const result = plan({ ...input, members: [member(1), member(2)] });
      const [first, second] = result.send;
      expect(first?.dueAt).not.toBe(second?.dueAt);
    });
  });

  describe('invalid input', () => {
    it.each<[string, Partial<PlanRemindersInput>]>([
      ['an invalid now', { now: new Date(Number.NaN) }],
      ['a member listed twice', { members: [member(1), member(1)] }],
      ['a period listed twice', { periods: [sixMonth, sixMonth] }],
      ['an invalid registration date', { members: [member(1, { registeredAt: new Date('nope') })] }],
      ['invalid settings', { settings: settings({ offsetsDays: [-2] }) }],
    ])('throws RangeError for %s', (_name, change) => {
      expect(() => plan({ now: vn('2022-07-07T08:00'), ...change })).toThrow(RangeError);
    });
  });

  describe('at scale', () => {
    it('plans 100,000 members × 2 periods correctly', () => {
      // Period 1 (6-month) at D-3 08:00: even members had D-14 and D-7 recorded, odd ones missed them
      // in a downtime. Period 2 (deadline 1/7) is past its deadline with nothing recorded: D+3 of 4/7
      // goes out, D+1 is superseded and the four before-deadline slots have passed.
      const count = 100_000;
      const quarterly = { id: 2, opensAt: vn('2022-04-01T00:00'), deadlineAt: vn('2022-07-01T00:00') };
      const members: Member[] = [];
      const submitted: Array<{ memberId: number; periodId: number }> = [];
      const log: LogRow[] = [];
      // Reverse order, so the planner has to sort.
      for (let id = count; id >= 1; id -= 1) {
        members.push({
          id,
          registeredAt: id % 13 === 0 ? vn('2022-07-05T00:00') : vn('2022-01-01T00:00'),
          reachable: id % 11 !== 0,
        });
        if (id % 5 === 0) submitted.push({ memberId: id, periodId: SIX_MONTH });
        if (id % 3 === 0) submitted.push({ memberId: id, periodId: 2 });
        if (id % 2 === 0) log.push(...logged(id, SIX_MONTH, 'D-14', 'D-7'));
      }

      const result = planReminders({
        now: vn('2022-07-07T08:00'),
        settings: settings(),
        periods: [quarterly, sixMonth],
        members,
        submitted,
        log,
      });

      const expected = { send: 0, unreachable: 0, superseded: 0, deadlinePassed: 0 };
      for (let id = 1; id <= count; id += 1) {
        const lateJoiner = id % 13 === 0;
        const reachable = id % 11 !== 0;
        if (id % 5 !== 0) {
          if (reachable) expected.send += 1;
          else expected.unreachable += 1;
          if (id % 2 !== 0 && !lateJoiner) expected.superseded += 2;
        }
        // Registered 5/7, a late joiner has no slot of period 2 (D+3 was 4/7).
        if (id % 3 !== 0 && !lateJoiner) {
          if (reachable) expected.send += 1;
          else expected.unreachable += 1;
          expected.superseded += 1;
          expected.deadlinePassed += 4;
        }
      }
      const byReason = (reason: string): number => result.skip.filter((r) => r.reason === reason).length;
      expect(result.send).toHaveLength(expected.send);
      expect(result.unreachable).toHaveLength(expected.unreachable);
      expect(byReason('no_contact')).toBe(expected.unreachable);
      expect(byReason('superseded')).toBe(expected.superseded);
      expect(byReason('deadline_passed')).toBe(expected.deadlinePassed);
      expect(byReason('period_closed')).toBe(0);

      expect(new Set(result.send.map((r) => `${r.periodId} ${r.offsetKey}`))).toEqual(new Set(['1 D-3', '2 D+3']));
      expect(result.send[0]).toEqual({ memberId: 1, periodId: SIX_MONTH, offsetKey: 'D-3', dueAt: vn('2022-07-07T08:00'), daysLeft: 3 });
      expect(result.send.at(-1)).toEqual({ memberId: 100_000, periodId: 2, offsetKey: 'D+3', dueAt: vn('2022-07-04T08:00'), daysLeft: -6 });
      // One assertion over the whole list: 100,000 calls to expect() would dominate the test's time.
      const unsorted = result.send.findIndex((b, i) => {
        const a = result.send[i - 1];
        return a !== undefined && !(a.periodId < b.periodId || (a.periodId === b.periodId && a.memberId < b.memberId));
      });
      expect(unsorted).toBe(-1);
      // Recording the plan settles everything due.
      const again = planReminders({
        now: vn('2022-07-07T08:15'),
        settings: settings(),
        periods: [quarterly, sixMonth],
        members,
        submitted,
        log: [...log, ...record(result)],
      });
      expect(again).toEqual(nothing);
    });
  });

  it('agrees with reminderSlots on what is due', () => {
    const slots = reminderSlots(sixMonth, settings());
    const result = plan({ now: vn('2022-07-13T08:00') });
    expect([...result.send, ...result.skip].map((r) => r.offsetKey).sort()).toEqual(slots.map((s) => s.offsetKey).sort());
  });
});
