import { foldText } from '../core/text/fold-text';

export type Command = 'start' | 'plan' | 'report' | 'status' | 'help' | 'cancel' | 'announce' | 'progress' | 'importPlan';

/**
 * The words each command answers to, folded (no diacritics, lower case). A slash command works
 * anywhere; a bare word only when it is the whole message, so a sentence that merely contains
 * "báo cáo" is not taken for a command.
 */
const words: Readonly<Record<Command, readonly string[]>> = {
  start: ['start', 'bat dau'],
  plan: ['kehoach', 'ke hoach', 'xem ke hoach'],
  report: ['baocao', 'bao cao', 'gui bao cao', 'nop bao cao'],
  status: ['trangthai', 'trang thai', 'xem trang thai'],
  help: ['trogiup', 'tro giup', 'help', 'huong dan'],
  cancel: ['huy', 'huy bo', 'cancel', 'dung lai'],
  announce: ['thongbao', 'thong bao', 'gui thong bao'],
  progress: ['tiendo', 'tien do', 'xem tien do'],
  importPlan: ['kehoachmoi', 'ke hoach moi', 'nhap ke hoach'],
};

/** `/baocao`, `/baocao@HiepHoiBot`, `báo cáo`, `BAO CAO` -> report; `/start ABC123` -> start with "ABC123". */
export function parseCommand(text: string | undefined): { command: Command; argument: string } | null {
  if (!text) return null;
  const trimmed = text.trim();
  const slash = /^\/([^\s@]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (slash) {
    const name = foldText(slash[1] ?? '');
    const command = findCommand(name);
    return command ? { command, argument: (slash[2] ?? '').trim() } : null;
  }
  const command = findCommand(foldText(trimmed).replace(/[.!?]+$/, ''));
  return command ? { command, argument: '' } : null;
}

function findCommand(folded: string): Command | null {
  for (const [command, list] of Object.entries(words)) {
    if (list.includes(folded) && isCommand(command)) return command;
  }
  return null;
}

function isCommand(value: string): value is Command {
  return Object.hasOwn(words, value);
}
