/**
 * A stored phone as office staff dial it: `+84912345678` → `0912 345 678`. Anything that is not a
 * Vietnamese number in E.164 is returned as stored. The spaces also keep a spreadsheet from
 * reading the number as a figure and dropping its leading 0.
 */
export function formatVnPhone(phone: string): string {
  const match = /^\+84(\d{9})$/.exec(phone);
  if (!match?.[1]) return phone;
  const national = `0${match[1]}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}
