import type { ReportField } from './report-field';

/** One answer that differs between two revisions of a report. */
export interface FieldChange {
  /** The field's code; a code the form no longer has is reported too, under its own code. */
  readonly code: string;
  readonly field: ReportField | null;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * What changed from one revision's values to the next: the form's fields in order, then codes the
 * form does not define (a form edited after filing), in the order the later revision has them.
 * An answer missing and an answer skipped (null) are the same. Files are compared by `fileKey`
 * (the stored content, say), since a correction that keeps a file may name it anew.
 */
export function changedFields(
  fields: readonly ReportField[],
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fileKey: (value: unknown) => string | null = defaultFileKey,
): FieldChange[] {
  const known = new Set(fields.map((f) => f.code));
  const extra = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((code) => !known.has(code));
  const changes: FieldChange[] = [];
  for (const [code, field] of [...fields.map((f) => [f.code, f] as const), ...extra.map((c) => [c, null] as const)]) {
    const a = before[code] ?? null;
    const b = after[code] ?? null;
    const same = field?.kind === 'file' ? fileKey(a) === fileKey(b) : sameValue(a, b);
    if (!same) changes.push({ code, field, before: a, after: b });
  }
  return changes;
}

function defaultFileKey(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if ('attachmentId' in value && typeof value.attachmentId === 'number') return `id:${value.attachmentId}`;
  return JSON.stringify(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
