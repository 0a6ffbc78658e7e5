import { parseConfig } from '../../../src/config/config';
import { AppError } from '../../../src/core/errors';

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('parseConfig: metrics and the schedule', () => {
  it('serves no metrics and ticks every 15 minutes when nothing is set', () => {
    const config = parseConfig({});
    expect(config.metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(config.jobs).toEqual({ cron: '*/15 * * * *' });
  });

  it('reads the metrics token, port and host, and a schedule with seconds', () => {
    const config = parseConfig({
      METRICS_TOKEN: 'metrics-token-0123456789abcdef',
      METRICS_PORT: '9464',
      METRICS_HOST: '0.0.0.0',
      JOBS_CRON: '*/2 * * * * *',
    });
    expect(config.metrics).toEqual({ token: 'metrics-token-0123456789abcdef', port: 9464, host: '0.0.0.0' });
    expect(config.jobs.cron).toBe('*/2 * * * * *');
  });

  it('names each bad setting in Vietnamese, without echoing the token', () => {
    const problems = problemsOf({ METRICS_TOKEN: 'ngan-qua', METRICS_PORT: '70000', JOBS_CRON: 'mỗi 15 phút' });
    expect(problems).toContain('- METRICS_TOKEN: giá trị không hợp lệ; cần một chuỗi bí mật dài ít nhất 24 ký tự để đọc /metrics.');
    expect(problems).not.toContain('ngan-qua');
    expect(problems).toContain('- METRICS_PORT: giá trị không hợp lệ: "70000"');
    expect(problems).toContain('- JOBS_CRON: giá trị không hợp lệ: "mỗi 15 phút"; cần lịch chạy các việc định kỳ dạng cron');
  });
});
