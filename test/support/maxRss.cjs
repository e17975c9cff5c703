'use strict';
/**
 * Preloaded into a process under test (`node --require test/support/maxRss.cjs …`): at exit, writes
 * the process's peak resident set size (KB, process.resourceUsage().maxRSS) to $ACD_MAX_RSS_FILE.
 * A test-only probe, so that a memory bound is measured on the real process without /usr/bin/time.
 */
const fs = require('fs');

process.on('exit', () => {
  if (process.env.ACD_MAX_RSS_FILE)
    fs.writeFileSync(process.env.ACD_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
