// Preloaded with --import: report the process's peak memory when it exits, without touching the measured code.
process.on('exit', () => {
  const usage = process.resourceUsage();
  // CPU time (all threads) next to wall time: on a shared, loaded machine wall time mostly measures the neighbours.
  process.stderr.write(
    `\nBENCH_MAX_RSS_KB=${usage.maxRSS}\nBENCH_CPU_MS=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`,
  );
});
