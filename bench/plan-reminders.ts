// Reminder planning for 100,000 members × 2 periods: time and memory of the pure planner.
// Run: npx tsx bench/plan-reminders.ts  → one JSON line. Target (issue 9): < 2 s.
import { planReminders } from '../src/core/reminders/plan-reminders';
import { DEFAULT_REMINDER_SETTINGS } from '../src/core/reminders/reminder-settings';

const MEMBERS = Number(process.env.MEMBERS ?? 100_000);
const periods = [
  { id: 1, opensAt: new Date('2022-05-31T17:00:00Z'), deadlineAt: new Date('2022-07-09T17:00:00Z') },
  { id: 2, opensAt: new Date('2022-10-31T17:00:00Z'), deadlineAt: new Date('2022-12-09T17:00:00Z') },
];
const members = Array.from({ length: MEMBERS }, (_, i) => ({
  id: i + 1,
  registeredAt: new Date('2022-01-01T00:00:00Z'),
  reachable: i % 20 !== 0,
}));
// A third have filed the 6-month report; the 14- and 7-day reminders were recorded for everyone else.
const submitted = members.filter((m) => m.id % 3 === 0).map((m) => ({ memberId: m.id, periodId: 1 }));
const log = members.flatMap((m) => (m.id % 3 === 0 ? [] : [{ memberId: m.id, periodId: 1, offsetKey: 'D-14' }, { memberId: m.id, periodId: 1, offsetKey: 'D-7' }]));
const now = new Date('2022-07-07T01:05:00Z'); // 08:05 in Bắc Giang, three days left

const heapBefore = process.memoryUsage().heapUsed;
const runs: number[] = [];
let result = planReminders({ now, settings: DEFAULT_REMINDER_SETTINGS, periods, members, submitted, log });
for (let i = 0; i < 5; i += 1) {
  const t0 = performance.now();
  result = planReminders({ now, settings: DEFAULT_REMINDER_SETTINGS, periods, members, submitted, log });
  runs.push(performance.now() - t0);
}
runs.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'plan-reminders',
    members: MEMBERS,
    periods: periods.length,
    send: result.send.length,
    skip: result.skip.length,
    msMedian: Math.round(runs[2] ?? 0),
    msMax: Math.round(runs[4] ?? 0),
    heapDeltaMb: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024),
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  }),
);
