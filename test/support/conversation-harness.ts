import { randomUUID } from 'node:crypto';
import { createFixedClock, type FixedClock } from '../../src/core/clock';
import { foldText } from '../../src/core/text/fold-text';
import type { InboundAttachment, InboundMessage, Reply } from '../../src/core/messages';
import { migrateDatabase } from '../../src/db/migrate-database';
import { createSqlConversationStore } from '../../src/db/sql-conversation-store';
import { readStoredPlanDocument } from '../../src/lib/read-plan-document';
import { seedDatabase } from '../../src/db/seed-database';
import type { Database } from '../../src/db/database';
import type { PrismaClient } from '../../src/db/generated/client';
import { type ConversationEngine, createConversationEngine } from '../../src/flows/conversation-engine';
import { type Backend, createTestDatabase, type TestDatabase } from './test-database';

/** A message as a test writes it: text, a pressed button, a file or a shared phone. */
export type Say =
  | string
  | { payload: string }
  | { attachment: InboundAttachment; text?: string }
  | { sharedPhone: { phone: string; verified: boolean } };

export interface Harness {
  readonly db: Database;
  readonly prisma: PrismaClient;
  readonly clock: FixedClock;
  readonly engine: ConversationEngine;
  /** Sends as `user` (a webchat contact) and returns the replies. */
  say(user: string, message: Say, updateId?: string): Promise<Reply[]>;
  /** The replies' texts joined, for `toContain` assertions. */
  text(replies: readonly Reply[]): string;
  addMember(data: { name: string; taxCode?: string; phone?: string; inviteCode?: string; status?: 'active' | 'pending' }): Promise<number>;
  dispose(): Promise<void>;
}

/** 1 July 2022, 09:00 in Bắc Giang: the 6-month report is open, due before 10/7. */
export const july1st2022 = new Date('2022-07-01T09:00:00+07:00');

/** A migrated, seeded database with the engine on a fixed clock: one per test file. `dataDir`: where sent files are read from. */
export async function createHarness(backend: Backend, options: { idleMinutes?: number; dataDir?: string } = {}): Promise<Harness> {
  const t: TestDatabase = await createTestDatabase(backend);
  await migrateDatabase(t.db);
  await seedDatabase(t.db.prisma);
  const clock = createFixedClock(july1st2022);
  const dataDir = options.dataDir;
  const engine = createConversationEngine({
    store: createSqlConversationStore(t.db),
    clock,
    timeZone: 'Asia/Ho_Chi_Minh',
    publicBaseUrl: 'http://localhost:3000',
    idleMinutes: options.idleMinutes ?? 240,
    // Documents sent to the bot are read from where the channel stored them, as in production.
    readDocument: dataDir === undefined ? undefined : (file) => readStoredPlanDocument(dataDir, file),
  });
  const hallBaCode = (() => {
    let n = 0;
    return () => `INV${String((n += 1)).padStart(5, '0')}`;
  })();
  return {
    db: t.db,
    prisma: t.db.prisma,
    clock,
    engine,
    say(user, message, updateId = randomUUID()) {
      const base = { channel: 'webchat' as const, platformUserId: user, displayName: `Người dùng ${user}`, updateId };
      const inbound: InboundMessage = typeof message === 'string' ? { ...base, text: message } : { ...base, ...message };
      return engine.handle(inbound);
    },
    text: (replies) => replies.map((r) => r.text).join('\n'),
    async addMember(data) {
      const area = await t.db.prisma.area.findFirstOrThrow({ where: { code: 'hiep-hoa' } });
      const member = await t.db.prisma.member.create({
        data: {
          name: data.name,
          nameFolded: foldText(data.name),
          taxCode: data.taxCode,
          phone: data.phone,
          areaId: area.id,
          status: data.status ?? 'active',
          inviteCode: data.inviteCode ?? hallBaCode(),
        },
      });
      return member.id;
    },
    dispose: () => t.dispose(),
  };
}
