import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless; CI installs it (`apt-get install chromium`). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // No sandbox as root in CI; no background networking on a machine with no way out.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
