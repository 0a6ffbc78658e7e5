// Fuzzing the conversations (issue 9): FUZZ_PER_STEP hostile inputs (default 10,000) at every
// step of every conversation, each checked for a crash, a bad reply or invalid stored data and
// followed by a valid answer that must still work. See test/support/fuzz-conversations.ts.
// Run: npx tsx bench/fuzz-conversations.ts  → one JSON line on stdout; the seed and the first
// failures (each with its step, index and input, to replay) on stderr. Exit code 1 on any failure.
// FUZZ_SEED replays a run; FUZZ_BACKEND=postgres|pglite (default postgres: the machine's server
// runs steps side by side, FUZZ_CONCURRENCY of them, default 3); FUZZ_STEPS=name,name runs some
// steps only; FUZZ_FOLLOW_UP=when-changed sends the valid answer only after inputs that moved
// the conversation (about twice as fast).
import { createHarness } from '../test/support/conversation-harness';
import { fuzzConversations, seedFuzzRoster } from '../test/support/fuzz-conversations';
import { randomSeed } from '../test/support/fuzz-inputs';

const PER_STEP = Number(process.env.FUZZ_PER_STEP ?? 10_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed();
const BACKEND = process.env.FUZZ_BACKEND === 'pglite' ? 'pglite' : 'postgres';
const CONCURRENCY = BACKEND === 'pglite' ? 1 : Number(process.env.FUZZ_CONCURRENCY ?? 3);
const FOLLOW_UP = process.env.FUZZ_FOLLOW_UP === 'when-changed' ? 'when-changed' : 'always';
const ONLY = process.env.FUZZ_STEPS ? process.env.FUZZ_STEPS.split(',').map((s) => s.trim()) : undefined;

async function main(): Promise<void> {
  process.stderr.write(`fuzz-conversations: seed ${SEED}, ${PER_STEP} inputs per step, ${BACKEND} ×${CONCURRENCY}, follow-up ${FOLLOW_UP}\n`);
  const h = await createHarness(BACKEND);
  try {
    await seedFuzzRoster(h);
    const started = performance.now();
    let inputs = 0;
    const progress = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`  ${inputs} inputs in ${Math.round(seconds)} s (${(inputs / seconds).toFixed(1)}/s)\n`);
    }, 60_000);
    const report = await fuzzConversations(h, {
      seed: SEED,
      perStep: PER_STEP,
      only: ONLY,
      concurrency: CONCURRENCY,
      followUp: FOLLOW_UP,
      keepFailures: 50,
      onProgress: () => {
        inputs += 1;
      },
    }).finally(() => clearInterval(progress));
    const seconds = (performance.now() - started) / 1000;
    for (const failure of report.failures) process.stderr.write(`${JSON.stringify(failure)}\n`);
    const failed = report.crashes + report.badReplies + report.invalidStored + report.wedged;
    console.log(
      JSON.stringify({
        bench: 'fuzz-conversations',
        seed: report.seed,
        backend: BACKEND,
        concurrency: CONCURRENCY,
        followUp: FOLLOW_UP,
        steps: report.steps,
        inputs: report.inputs,
        crashes: report.crashes,
        badReplies: report.badReplies,
        invalidStored: report.invalidStored,
        wedged: report.wedged,
        drives: report.drives,
        seconds: Math.round(seconds),
        inputsPerSecond: Number((report.inputs / seconds).toFixed(1)),
      }),
    );
    if (failed > 0) process.exitCode = 1;
  } finally {
    await h.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
