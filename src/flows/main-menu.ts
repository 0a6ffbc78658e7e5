import type { Choice } from '../core/messages';

/** Payloads of the menu buttons: the engine treats them as the commands they name. */
export const commandPayloads = {
  report: 'cmd:report',
  plan: 'cmd:plan',
  status: 'cmd:status',
  help: 'cmd:help',
  progress: 'cmd:progress',
  announce: 'cmd:announce',
} as const;

/** What a linked member can do next. */
export const mainMenu: readonly Choice[] = [
  { label: 'Gửi báo cáo', payload: commandPayloads.report },
  { label: 'Xem kế hoạch', payload: commandPayloads.plan },
  { label: 'Xem trạng thái', payload: commandPayloads.status },
];

/** What office staff can do next. */
export const officeMenu: readonly Choice[] = [
  { label: 'Xem tiến độ báo cáo', payload: commandPayloads.progress },
  { label: 'Soạn thông báo', payload: commandPayloads.announce },
  { label: 'Xem kế hoạch', payload: commandPayloads.plan },
];
