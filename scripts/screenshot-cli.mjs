// Renders `aws-credentials-doctor diagnose` on the shipped example home as a terminal-like PNG
// (media/cli-diagnose.png), and `diagnose --all-profiles` in colour (media/cli-all-profiles.png),
// with playwright-core and Debian's Chromium. Loopback only: the page is
// set from a string and every network request is aborted.
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

// The example home, with the classic mistake on top: a session token left over next to long-term keys.
const env = {
  PATH: process.env.PATH,
  AWS_PROFILE: 'admin',
  AWS_ACCESS_KEY_ID: 'AKIAW4XR7TQ2NBV5LMZK',
  AWS_SECRET_ACCESS_KEY: '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',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEBYaDExampleLeftOverToken',
};
const text = spawnSync(process.execPath, ['dist/cli.js', 'diagnose', '--home', 'examples/home'], {
  encoding: 'utf8',
  env,
}).stdout.replaceAll(process.cwd(), '~/project');
const shell = 'export AWS_PROFILE=admin AWS_ACCESS_KEY_ID=AKIA… AWS_SECRET_ACCESS_KEY=… AWS_SESSION_TOKEN=…';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const colour = (s) =>
  esc(s)
    .replace(/^(\s+ERROR\s.*)$/gm, '<span style="color:#f48771">$1</span>')
    .replace(/^(\s+WARNING\s.*)$/gm, '<span style="color:#cca700">$1</span>')
    .replace(/^(\s+fix: .*)$/gm, '<span style="color:#89d185">$1</span>');
const page_ = (shell, command, body) =>
  `<html><body style="margin:0;background:#1e1e1e"><pre style="font:14px/1.45 'DejaVu Sans Mono',monospace;color:#d4d4d4;padding:18px 22px;margin:0;white-space:pre-wrap;width:1060px">${shell ? `$ ${esc(shell)}\n` : ''}$ ${esc(command)}\n${body}</pre></body></html>`;
// The table's own colours (SGR sequences, --color) as the terminal shows them.
const SGR = {
  1: 'font-weight:bold',
  2: 'color:#8b8b8b',
  32: 'color:#89d185',
  '1;31': 'color:#f48771;font-weight:bold',
  '1;33': 'color:#cca700;font-weight:bold',
  36: 'color:#4ec9b0',
  '1;36': 'color:#4ec9b0;font-weight:bold',
};
const sgr = (s) =>
  esc(s).replace(/\x1b\[([\d;]+)m(.*?)\x1b\[0m/g, (_, code, t) => `<span style="${SGR[code] ?? ''}">${t}</span>`);
const profiles = spawnSync(
  process.execPath,
  ['dist/cli.js', 'diagnose', '--all-profiles', '--color', '--home', 'examples/home'],
  { encoding: 'utf8', env: { PATH: process.env.PATH, COLUMNS: '110' } },
).stdout;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1104, height: 400 } });
await page.route('**/*', (route) => route.abort());
for (const [html, out] of [
  [page_(shell, 'npx aws-credentials-doctor diagnose', colour(text)), 'media/cli-diagnose.png'],
  [page_('', 'npx aws-credentials-doctor diagnose --all-profiles', sgr(profiles)), 'media/cli-all-profiles.png'],
]) {
  await page.setContent(html);
  await page.locator('pre').screenshot({ path: out });
  console.log(`wrote ${out}`);
}
await browser.close();
