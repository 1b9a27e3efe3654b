import os from 'node:os';

/** One line naming the machine a benchmark ran on, printed with every result. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const memoryGiB = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${memoryGiB} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}
