import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditActionNames } from '../../../../src/http/admin/audit-pages';

const src = path.join(__dirname, '../../../../src');

/** Every `.ts` file under `src`, but Prisma's generated client. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(src, 'db', 'generated') ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * What the code writes as `action: …`: the audit codes (`area.verb`) in the expression, e.g. both
 * sides of a `?:`. A code built in a template literal is reported as it is: it cannot be checked.
 */
function writtenActions(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    for (const [, expression] of text.matchAll(/\baction:\s*([^,\n}]*)/g)) {
      const codes = [...(expression ?? '').matchAll(/'([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1] ?? '');
      if (/`[a-z_]+\.[a-z_]*\$\{/.test(expression ?? '')) codes.push(expression?.trim() ?? '');
      for (const code of codes) found.set(code, [...(found.get(code) ?? []), path.relative(src, file)]);
    }
  }
  return found;
}

describe('the audit page', () => {
  it('names in Vietnamese every action the code writes to the audit log', () => {
    const written = writtenActions();
    // The scan itself works: it finds actions written in the admin, the flows, the CLI and the database code.
    expect([...written.keys()]).toEqual(
      expect.arrayContaining(['admin.login', 'report.submitted', 'admin.created', 'member.registration_approved', 'member.registration_rejected', 'plan_import.created']),
    );
    const unnamed = [...written].filter(([code]) => !Object.hasOwn(auditActionNames, code)).map(([code, files]) => `${code} (${files.join(', ')})`);
    expect(unnamed).toEqual([]);
  });
});
