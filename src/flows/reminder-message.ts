import type { Reply } from '../core/messages';
import { commandPayloads } from './main-menu';

/**
 * The reminder a member gets: which report, the deadline as the plan words it, the days left,
 * how to file — or, when a draft is waiting, where it stopped.
 */
export function reminderMessage(input: {
  memberName?: string;
  periodName: string;
  deadlineText: string;
  daysLeft: number;
  draft: { answered: number; total: number } | null;
}): Reply {
  const when =
    input.daysLeft > 1
      ? `${input.deadlineText} (còn ${input.daysLeft} ngày)`
      : input.daysLeft === 1
        ? `${input.deadlineText} — hôm nay là ngày cuối`
        : `${input.deadlineText}; đã quá hạn ${1 - input.daysLeft} ngày`;
  const lead =
    input.daysLeft >= 1
      ? `Nhắc hạn: ${input.periodName} cần gửi Văn phòng Hiệp hội ${when}.`
      : `${input.periodName} đã quá hạn (${when}) mà Văn phòng Hiệp hội chưa nhận được. Báo cáo muộn vẫn được nhận.`;
  const how =
    input.draft && input.draft.answered > 0
      ? input.draft.answered >= input.draft.total
        ? 'Báo cáo đã nhập đủ nhưng chưa gửi: gõ /baocao rồi chọn “Gửi báo cáo”.'
        : `Báo cáo đang nhập dở (còn ${input.draft.total - input.draft.answered}/${input.draft.total} mục): gõ /baocao để tiếp tục.`
      : 'Gõ /baocao để gửi ngay qua tin nhắn này (khoảng 3 phút).';
  return { text: `${lead} ${how}`, choices: [{ label: 'Gửi báo cáo', payload: commandPayloads.report }] };
}

/** The office's digest on a reminder day: how many have not filed, by area. */
export function reminderDigest(input: {
  periodName: string;
  deadlineText: string;
  areas: ReadonlyArray<{ name: string; count: number; unreachable: number }>;
}): Reply {
  const total = input.areas.reduce((sum, a) => sum + a.count, 0);
  const unreachable = input.areas.reduce((sum, a) => sum + a.unreachable, 0);
  const lines = [
    `Nhắc hạn hôm nay — ${input.periodName} (${input.deadlineText}): ${total} hội viên chưa nộp.`,
    ...input.areas.map((a) => `• ${a.name}: ${a.count}${a.unreachable ? ` (${a.unreachable} chưa liên lạc được)` : ''}`),
  ];
  if (unreachable > 0) lines.push(`${unreachable} hội viên không có kênh liên lạc: cần gọi điện. Gõ /tiendo để xem tên.`);
  return { text: lines.join('\n'), choices: [{ label: 'Xem tiến độ báo cáo', payload: commandPayloads.progress }] };
}
