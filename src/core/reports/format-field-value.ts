import { formatVnd, formatVndShort } from '../money/format-vnd';
import { groupThousands } from '../money/group-thousands';
import type { ReportField } from './report-field';

/** A stored answer as a line of the summary: `12,5 tỷ đồng (12.500.000.000 đồng)`. */
export function formatFieldValue(field: ReportField, value: unknown): string {
  if (value === null || value === undefined) return '(không có)';
  switch (field.kind) {
    case 'money': {
      if (typeof value !== 'number') return '(không rõ)';
      const short = formatVndShort(value);
      const full = formatVnd(value);
      return short === full ? full : `${short} (${full})`;
    }
    case 'count':
      return typeof value === 'number' ? groupThousands(BigInt(value)) : '(không rõ)';
    case 'text':
      return typeof value === 'string' ? value : '(không rõ)';
    case 'file':
      return typeof value === 'object' && value !== null && 'fileName' in value && typeof value.fileName === 'string'
        ? `tệp “${value.fileName}”`
        : '(không rõ)';
  }
}
