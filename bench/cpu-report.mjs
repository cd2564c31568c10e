// Preloaded into the start-up runs of bench/run.ts (node --import): at exit, the process's CPU time (user + system,
// all threads) on stderr, so start-up can be compared by CPU as well as by wall time on a busy machine.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\n@cpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
