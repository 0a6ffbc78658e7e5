import { createHarness, type Harness } from '../../support/conversation-harness';
import { type FuzzOptions, type FuzzReport, fuzzConversations, fuzzSteps, seedFuzzRoster } from '../../support/fuzz-conversations';
import { randomSeed } from '../../support/fuzz-inputs';
import type { Backend } from '../../support/test-database';

// A fast slice of bench/fuzz-conversations.ts (10,000 inputs per step): hostile inputs at every
// step of every conversation, on both databases. Under a minute on two cores: the valid answer
// that must still work is sent after the inputs that moved the conversation (`when-changed`); the
// bench sends it after every input.
jest.setTimeout(120_000);

/** Fails with the seed, a command that replays the run, and the first failures. */
function expectNoFailures(report: FuzzReport, backend: Backend, options: Pick<FuzzOptions, 'perStep' | 'followUp'>): void {
  const failed = report.crashes + report.badReplies + report.invalidStored + report.wedged;
  if (failed === 0) return;
  const replay =
    `FUZZ_SEED=${report.seed} FUZZ_PER_STEP=${options.perStep} FUZZ_BACKEND=${backend} ` +
    `FUZZ_FOLLOW_UP=${options.followUp ?? 'always'} FUZZ_STEPS=${[...new Set(report.failures.map((f) => f.step))].join(',')} ` +
    'npx tsx bench/fuzz-conversations.ts';
  const counts = `${report.crashes} crashes, ${report.badReplies} bad replies, ${report.invalidStored} invalid stored, ${report.wedged} wedged`;
  throw new Error(
    `fuzzing with seed ${report.seed} on ${backend}: ${counts} in ${report.inputs} inputs.\nReplay: ${replay}\n` +
      report.failures.slice(0, 10).map((f) => JSON.stringify(f)).join('\n'),
  );
}

describe.each([
  // A fixed seed: the same inputs every run, so a change that breaks one of them is seen at once.
  { backend: 'postgres' as const, seed: 20_220_701, perStep: 40, followUp: 'when-changed' as const, concurrency: 3 },
  // A seed of its own each run (FUZZ_SEED replays one): over many runs, far more inputs are tried.
  {
    backend: 'pglite' as const,
    seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed(),
    perStep: 20,
    followUp: 'when-changed' as const,
    concurrency: 1,
  },
])('conversation fuzzing on $backend, seed $seed', ({ backend, seed, perStep, followUp, concurrency }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend);
    await seedFuzzRoster(h);
  });
  afterAll(async () => h.dispose());

  it(`survives ${perStep} hostile inputs at each of the ${fuzzSteps.length} steps: no crash, clear replies, nothing invalid stored, never wedged`, async () => {
    const report = await fuzzConversations(h, { seed, perStep, followUp, concurrency, keepFailures: 10 });
    expect(report.inputs).toBe(perStep * fuzzSteps.length);
    expectNoFailures(report, backend, { perStep, followUp });
  });
});
