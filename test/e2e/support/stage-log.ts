// Progress lines of the slow browser tests on stderr ("[fibre e2e] 37.1 s: route drawn"), so a CI log shows where
// the time went and where a test stopped.
export function stageLog(label: string): (stage: string) => void {
  const started = performance.now();
  return (stage) => {
    process.stderr.write(`[${label}] ${Math.round((performance.now() - started) / 100) / 10} s: ${stage}\n`);
  };
}
