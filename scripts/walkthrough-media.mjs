// Cuts the walkthrough's step images (media/walkthrough/*.png) out of the README's screenshots
// (media/*.png, taken from the real workbench by the UI suite: UPDATE_SCREENSHOTS=1), with the
// Chromium the UI tests drive. Run it again after refreshing the screenshots:
//   node scripts/walkthrough-media.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const media = (f) => fileURLToPath(new URL(`../media/${f}`, import.meta.url));
/** [step image, source screenshot, x, y, width, height] (the screenshots are 1280 × 760). */
const CUTS = [
  ['walkthrough/status-bar.png', 'status-bar.png', 30, 430, 530, 330],
  ['walkthrough/switch-profile.png', 'profile-picker.png', 340, 28, 606, 202],
  ['walkthrough/quick-fix.png', 'quick-fix.png', 348, 130, 932, 530],
  ['walkthrough/check-identity.png', 'status-bar.png', 30, 560, 530, 200],
  ['walkthrough/terminal.png', 'terminal-notification.png', 820, 420, 456, 200],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  for (const [out, source, x, y, width, height] of CUTS) {
    const png = readFileSync(media(source)).toString('base64');
    await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${png}"></body>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: media(out), clip: { x, y, width, height } });
    console.log(`media/${out}: ${width} × ${height} from media/${source}`);
  }
} finally {
  await browser.close();
}
