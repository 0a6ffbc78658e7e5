import path from 'node:path';
import { parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { parseRoster } from '../core/roster/parse-roster';
import { openDatabase } from '../db/database';
import { importRoster } from '../db/import-roster';
import { prepareDatabase } from '../db/prepare-database';
import { createLogger } from '../lib/logger';
import { readTableFile } from '../lib/read-table-file';

/**
 * `npm run roster:import -- <tệp.csv|tệp.xlsx>`: imports the office's member list and prints, in
 * Vietnamese, what was created, updated and left alone, and why each bad row was skipped.
 *
 * Exits 0 when the file was processed, even if some rows were bad (they are listed; the good ones
 * are stored), and 1 when the file itself cannot be used: missing, unreadable, or without a
 * required column.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [fileArgument, ...extra] = argv;
  if (fileArgument === undefined || extra.length > 0) {
    console.error('Cách dùng: npm run roster:import -- <tệp.csv hoặc tệp.xlsx>');
    return 1;
  }
  const config = parseConfig(process.env);
  // npm runs scripts from the package's folder; INIT_CWD is where the person typed the command.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), fileArgument);

  let table: string[][];
  try {
    table = await readTableFile(filePath);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }

  const logger = createLogger({ level: config.logLevel, name: 'roster-import' });
  const db = await openDatabase(config.database);
  try {
    await prepareDatabase(db, logger);
    const areas = await db.prisma.area.findMany({ where: { active: true }, orderBy: { ordinal: 'asc' } });
    const parsed = parseRoster(table, areas);
    if (!parsed.ok) {
      console.error(`Không nhập được tệp “${path.basename(filePath)}”: ${parsed.fileError}`);
      return 1;
    }
    const result = await importRoster(db.prisma, parsed.rows, {
      actorType: 'cli',
      actorId: process.env.USER ?? process.env.LOGNAME,
      source: path.basename(filePath),
    });

    const badRows = [
      ...parsed.errors.map((error) => ({ line: error.line, reasons: error.reasons })),
      ...result.failed.map((failure) => ({ line: failure.line, reasons: [failure.reason] })),
    ].sort((a, b) => a.line - b.line);
    if (badRows.length > 0) {
      console.log('Các dòng chưa nhập được (xin sửa trong tệp rồi nhập lại):');
      for (const row of badRows) console.log(`- Dòng ${row.line}: ${row.reasons.join('; ')}.`);
    }
    console.log(
      `Đã nhập: ${result.created} mới, ${result.updated} cập nhật, ${result.unchanged} không đổi; ` +
        `${badRows.length} dòng lỗi`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof AppError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  },
);
