// Preloaded with --import: report the process's peak memory when it exits, without touching the measured code.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
