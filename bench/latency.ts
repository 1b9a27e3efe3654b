/** Runs `operation` sequentially (one client), after a warm-up, and returns latency percentiles in ms. */
export async function measureLatency(
  operation: () => Promise<unknown>,
  { warmup = 30, iterations = 300 } = {},
): Promise<Percentiles> {
  for (let index = 0; index < warmup; index += 1) await operation();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) samples.push(await timed(operation));
  return percentiles(samples);
}

/**
 * Runs two operations one after the other, turn about, after a warm-up of each, and returns each
 * one's latency percentiles in ms. Anything else slowing the machine meanwhile (autovacuum, another
 * process) falls on both alike, so their ratio holds where two runs one after the other could differ
 * by a third either way.
 */
export async function measureLatencyInTurn(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  { warmup = 30, iterations = 300 } = {},
): Promise<[Percentiles, Percentiles]> {
  for (let index = 0; index < warmup; index += 1) {
    await first();
    await second();
  }
  const firstSamples: number[] = [];
  const secondSamples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    firstSamples.push(await timed(first));
    secondSamples.push(await timed(second));
  }
  return [percentiles(firstSamples), percentiles(secondSamples)];
}

/** Runs `operation` sequentially for as long as `running()` says, and returns the percentiles and count. */
export async function measureLatencyWhile(
  operation: () => Promise<unknown>,
  running: () => boolean,
): Promise<{ p50: number; p95: number; p99: number; samples: number }> {
  const samples: number[] = [];
  while (running()) samples.push(await timed(operation));
  return { ...percentiles(samples), samples: samples.length };
}

async function timed(operation: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await operation();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export function percentiles(samples: number[]): Percentiles {
  samples.sort((a, b) => a - b);
  const at = (quantile: number) =>
    samples[Math.min(samples.length - 1, Math.floor(quantile * samples.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
