import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { openDatabase } from '../../../src/db/database';

jest.setTimeout(180_000);

const root = path.join(__dirname, '..', '..', '..');
const fixture = path.join(root, 'test/fixtures/roster/danh-sach-3-dung-2-sai.csv');

describe('the roster import command (npm run roster:import)', () => {
  const dataDirs: string[] = [];
  const freshDataDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hiephoi-roster-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('imports the good rows, lists the bad ones with their lines, and imports nothing new when run again', async () => {
    const dataDir = await freshDataDir();

    const first = await runImport([fixture], dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Đã nhập: 3 mới, 0 cập nhật, 0 không đổi; 2 dòng lỗi');
    expect(first.stdout).toContain(
      '- Dòng 4: Mã số thuế 2400123459 không đúng (chữ số kiểm tra cuối không khớp). Xin kiểm tra lại từng chữ số.',
    );
    expect(first.stdout).toContain(
      '- Dòng 6: Thiếu tên doanh nghiệp; Không rõ khu vực “Hiep Hoaa” (có phải “Hiệp Hòa”?); ' +
        'Số điện thoại “0204 3854 123” không hợp lệ: Đây là số cố định (số bàn), xin nhập số di động.',
    );

    const second = await runImport([fixture], dataDir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Đã nhập: 0 mới, 0 cập nhật, 3 không đổi; 2 dòng lỗi');

    // PGlite allows one process per directory: read the data once the command has let go of it.
    const db = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
    try {
      const members = await db.prisma.member.findMany({ orderBy: { id: 'asc' }, include: { area: true } });
      expect(members.map((m) => [m.name, m.taxCode, m.area?.code, m.type, m.phone, m.address])).toEqual([
        ['Công ty TNHH Hòa Bình', '2400123458', 'hiep-hoa', 'enterprise', '+84912345678', 'Thị trấn Thắng; Hiệp Hòa'],
        ['Công ty CP Kim Sơn', '0100777128', 'tp-bac-giang', 'enterprise', '+84912345679', null],
        ['Hội Doanh nghiệp huyện Việt Yên', null, 'viet-yen', 'district_association', '+84987654321', null],
      ]);
      const audit = await db.prisma.auditLog.findMany({ where: { action: 'roster.import' }, orderBy: { id: 'asc' } });
      expect(audit.map((entry) => [entry.actorType, entry.details])).toEqual([
        ['cli', expect.objectContaining({ source: 'danh-sach-3-dung-2-sai.csv', created: 3, unchanged: 0 })],
        ['cli', expect.objectContaining({ source: 'danh-sach-3-dung-2-sai.csv', created: 0, unchanged: 3 })],
      ]);
    } finally {
      await db.close();
    }
  });

  it('imports an .xlsx whose tax code cell Excel stored as a number', async () => {
    const dataDir = await freshDataDir();
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Hội viên');
    sheet.addRow(['Tên DN', 'MST', 'Khu vực', 'SĐT']);
    sheet.addRow(['Công ty CP Kim Sơn', 100777128, 'tp bac giang', 912345679]);
    const file = path.join(dataDir, 'danh-sach.xlsx');
    await workbook.xlsx.writeFile(file);

    const run = await runImport([file], dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Đã nhập: 1 mới, 0 cập nhật, 0 không đổi; 0 dòng lỗi');
  });

  it('exits 1 with a Vietnamese message when the file does not exist', async () => {
    const dataDir = await freshDataDir();
    const missing = path.join(dataDir, 'khong-co.csv');
    const run = await runImport([missing], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Không tìm thấy tệp “${missing}”. Xin kiểm tra lại đường dẫn.`);
    expect(run.stdout).not.toContain('Đã nhập');
  });

  it('exits 1 naming the missing column when the header lacks the tax code', async () => {
    const dataDir = await freshDataDir();
    const file = path.join(dataDir, 'thieu-cot.csv');
    await writeFile(file, 'Tên doanh nghiệp;Khu vực\nCông ty A;Hiệp Hòa\n');
    const run = await runImport([file], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Không nhập được tệp “thieu-cot.csv”: Không tìm thấy cột “Mã số thuế”');
  });

  it('exits 1 with the usage when no file is given', async () => {
    const dataDir = await freshDataDir();
    const run = await runImport([], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cách dùng: npm run roster:import -- <tệp.csv hoặc tệp.xlsx>');
  });
});

interface Run {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs `src/main/roster-import.ts` as `npm run roster:import` does, on the embedded database. */
function runImport(args: readonly string[], dataDir: string): Promise<Run> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main/roster-import.ts', ...args], {
    cwd: root,
    env: { ...cleanEnv(), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('close', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', stdout, stderr }));
  });
}

/** The runner's environment without what would leak into the command (jest's NODE_OPTIONS, a database URL). */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'NODE_OPTIONS' || key.startsWith('JEST') || key === 'DATABASE_URL' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}
