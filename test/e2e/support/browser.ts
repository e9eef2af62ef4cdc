// Headless Chromium from Debian, driven by playwright-core (no browser download).
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const found = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => fs.existsSync(p));
  if (!found)
    throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
