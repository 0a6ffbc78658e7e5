import type { ChannelId } from '../../core/messages';
import { ChannelError, type RejectionReason } from '../channel-error';

/** Which Zalo API answered: the OA Open API, ZNS, OAuth or the Bot Platform. Their codes overlap. */
export type ZaloSurface = 'oa' | 'zns' | 'oauth' | 'bot';

/** The request did not get a readable answer: network failure, timeout, non-2xx, unexpected shape. */
export class ZaloHttpError extends Error {
  constructor(
    readonly surface: ZaloSurface,
    readonly endpoint: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${surface}.${endpoint}: ${message}`, options);
    this.name = new.target.name;
  }
}

/** Zalo answered, and refused: `error` ≠ 0 (OA, ZNS, OAuth) or `ok: false` (Bot Platform). */
export class ZaloApiError extends Error {
  constructor(
    readonly surface: ZaloSurface,
    readonly endpoint: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`${surface}.${endpoint}: ${errorCode} ${description}`);
    this.name = new.target.name;
  }
}

type Rule =
  | { readonly code: 'CHANNEL_REJECTED'; readonly reason: RejectionReason; readonly what: string }
  | { readonly code: 'CHANNEL_RATE_LIMITED'; readonly retryAfterMs: number; readonly what: string }
  | { readonly code: 'CHANNEL_UNAVAILABLE'; readonly what: string };

const rejected = (reason: RejectionReason, what: string): Rule => ({ code: 'CHANNEL_REJECTED', reason, what });
const limited = (retryAfterMs: number, what: string): Rule => ({ code: 'CHANNEL_RATE_LIMITED', retryAfterMs, what });
const unavailable = (what: string): Rule => ({ code: 'CHANNEL_UNAVAILABLE', what });

/**
 * The OA Open API's codes (consultation messages, user detail). Source: the code table in
 * hoangnd25/monorepo's Zalo integration guide, which follows developers.zalo.me's "Mã lỗi" page.
 * Account-level problems the office must fix (app disabled, permission missing) are UNAVAILABLE:
 * the same message succeeds once they are fixed.
 */
const oaRules: ReadonlyMap<number, Rule> = new Map([
  [-32, limited(60_000, 'Zalo giới hạn số lần gọi API mỗi phút')],
  [-200, rejected('error', 'Zalo không gửi được tin nhắn')],
  [-201, rejected('error', 'Zalo báo tham số không hợp lệ')],
  [-204, unavailable('Official Account đã bị vô hiệu hóa')],
  [-205, unavailable('Official Account không tồn tại')],
  [-209, unavailable('Ứng dụng Zalo chưa được kích hoạt cho API này')],
  [-211, rejected('quota_exceeded', 'OA đã hết hạn mức gửi tin')],
  [-212, unavailable('OA chưa đăng ký API này')],
  // The person unfollowed: in our vocabulary a person who turned us away is 'blocked' (the
  // `unfollow` event marks the contact blocked too); 'unreachable' is for accounts Zalo cannot
  // deliver to whatever the person wants (banned, gone, a wrong phone number).
  [-213, rejected('blocked', 'Người dùng đã bỏ quan tâm OA')],
  [-216, unavailable('Access token của OA không hợp lệ')],
  [-217, rejected('blocked', 'Người dùng đã chặn tin từ OA')],
  [-218, rejected('quota_exceeded', 'Đã hết hạn mức gửi tin tới người dùng này')],
  [-219, unavailable('Ứng dụng Zalo đã bị gỡ hoặc vô hiệu hóa')],
  [-220, unavailable('Access token của OA đã hết hạn')],
  [-221, unavailable('OA cần được xác thực để dùng tính năng này')],
  [-223, unavailable('OA chưa cấp quyền API này cho ứng dụng')],
  [-224, unavailable('OA cần nâng cấp gói dịch vụ')],
  [-227, rejected('unreachable', 'Tài khoản người dùng bị khóa hoặc không hoạt động quá 45 ngày')],
  [-230, rejected('outside_window', 'Người dùng không tương tác với OA trong 7 ngày qua')],
  [-232, rejected('outside_window', 'Người dùng chưa tương tác hoặc tương tác đã quá hạn')],
  [-233, rejected('error', 'Loại tin nhắn không được hỗ trợ')],
  [-235, unavailable('API không hỗ trợ loại OA này')],
  [-244, rejected('blocked', 'Người dùng đã chặn loại tin này từ OA')],
  [-320, unavailable('Ứng dụng cần kết nối Zalo Cloud Account')],
  [-321, rejected('quota_exceeded', 'Zalo Cloud Account không đủ tiền để trả phí')],
]);

/**
 * ZNS (template messages). -100 to -112 are as on zalo.cloud/zns/guidelines/handle-error-code;
 * the numbers from -113 on follow the order of that page as mirrored by helpdesk.getfly.vn, which
 * lists the descriptions without their numbers: check them against Zalo's page before relying on
 * the finer reasons. -117 ("OA or App does not have permission to access this template") is what a
 * template not (yet) approved for this OA gets.
 */
const znsRules: ReadonlyMap<number, Rule> = new Map([
  [-100, unavailable('ZNS gặp lỗi không xác định, thử lại sau')],
  [-101, unavailable('Ứng dụng gửi ZNS không hợp lệ')],
  [-102, unavailable('Ứng dụng gửi ZNS không tồn tại')],
  [-103, unavailable('Ứng dụng gửi ZNS chưa được kích hoạt')],
  [-104, unavailable('Secret key của ứng dụng không hợp lệ')],
  [-105, unavailable('Ứng dụng gửi ZNS chưa liên kết với OA')],
  [-106, rejected('error', 'Phương thức không được hỗ trợ')],
  [-108, rejected('unreachable', 'Số điện thoại không hợp lệ')],
  [-109, rejected('template_not_approved', 'Mã mẫu ZNS không hợp lệ')],
  [-110, rejected('unreachable', 'Phiên bản Zalo của người nhận quá cũ')],
  [-111, rejected('error', 'Mẫu ZNS không có dữ liệu')],
  [-112, rejected('error', 'Dữ liệu mẫu ZNS không hợp lệ')],
  [-114, rejected('unreachable', 'Người dùng không nhận được ZNS (tài khoản, tùy chọn nhận tin hoặc phiên bản Zalo)')],
  [-115, rejected('quota_exceeded', 'Tài khoản ZNS không đủ số dư')],
  [-117, rejected('template_not_approved', 'OA hoặc ứng dụng chưa được phép dùng mẫu ZNS này')],
  [-118, rejected('unreachable', 'Tài khoản Zalo của số điện thoại này không tồn tại')],
  [-119, rejected('unreachable', 'Tài khoản không thể nhận ZNS')],
  [-124, unavailable('Access token của OA không hợp lệ')],
]);

/**
 * Zalo Bot Platform codes (HTTP-like `error_code`), as listed in the Bot Platform's docs mirrored
 * in XuanNguyenNB/QuanLyThuChi_Bot_Telegram_Zalom and a second project's copy.
 */
const botRules: ReadonlyMap<number, Rule> = new Map([
  [400, rejected('error', 'Zalo Bot: yêu cầu không hợp lệ')],
  [401, unavailable('Zalo Bot: token không hợp lệ hoặc đã hết hạn')],
  [403, unavailable('Zalo Bot: lỗi nội bộ của Zalo')],
  [404, rejected('error', 'Zalo Bot: yêu cầu truy cập không hợp lệ')],
  [408, unavailable('Zalo Bot: quá thời gian xử lý')],
  [426, limited(60_000, 'Zalo Bot: vượt giới hạn gọi API')],
  [429, limited(60_000, 'Zalo Bot: vượt hạn mức sử dụng API')],
]);

const rulesBySurface: Readonly<Record<ZaloSurface, ReadonlyMap<number, Rule>>> = {
  oa: oaRules,
  zns: znsRules,
  oauth: new Map(),
  bot: botRules,
};

/**
 * What a failed Zalo call means for the delivery, as a `ChannelError`: the one place Zalo's codes
 * are translated. Unknown API codes are CHANNEL_REJECTED 'error' (Zalo refused this message);
 * transport failures and OAuth failures are CHANNEL_UNAVAILABLE (they may pass later).
 */
export function toZaloChannelError(channel: ChannelId, error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof ZaloApiError) {
    const rule = rulesBySurface[error.surface].get(error.errorCode) ?? defaultRule(error.surface);
    const message = `${rule.what} (mã ${error.errorCode})`;
    switch (rule.code) {
      case 'CHANNEL_REJECTED':
        return new ChannelError(channel, rule.code, message, { reason: rule.reason, cause: error });
      case 'CHANNEL_RATE_LIMITED':
        return new ChannelError(channel, rule.code, message, { retryAfterMs: rule.retryAfterMs, cause: error });
      case 'CHANNEL_UNAVAILABLE':
        return new ChannelError(channel, rule.code, message, { cause: error });
    }
  }
  if (error instanceof ZaloHttpError && error.status === 429) {
    return new ChannelError(channel, 'CHANNEL_RATE_LIMITED', 'Zalo báo gửi quá nhanh (HTTP 429)', { retryAfterMs: 60_000, cause: error });
  }
  return new ChannelError(channel, 'CHANNEL_UNAVAILABLE', 'Không kết nối được với Zalo', { cause: error });
}

function defaultRule(surface: ZaloSurface): Rule {
  return surface === 'oauth' ? unavailable('Zalo từ chối làm mới token của OA') : rejected('error', 'Zalo từ chối tin nhắn');
}

/** The access token was refused (invalid or expired): worth one refresh and one retry. */
export function isTokenRejection(error: unknown): boolean {
  if (!(error instanceof ZaloApiError)) return false;
  if (error.surface === 'oa') return error.errorCode === -216 || error.errorCode === -220;
  if (error.surface === 'zns') return error.errorCode === -124;
  return false;
}
