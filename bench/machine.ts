import { readFileSync } from 'node:fs';
import os from 'node:os';

/** One line naming the machine a benchmark ran on, printed with every result. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const memoryGiB = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${memoryGiB} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** The machine's CPU time so far, in clock ticks: all of it, and the part stolen by the hypervisor. */
function cpuTicks(): { total: number; steal: number } | undefined {
  try {
    // The first line of /proc/stat sums every CPU: user nice system idle iowait irq softirq steal …
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      ?.trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    if (!fields || fields.length < 8) return undefined;
    return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * Starts counting the CPU time a virtual machine's hypervisor gives to other guests (steal); the
 * function returned says what share of the machine's CPU time since then was stolen, e.g. "7.5 %",
 * or undefined off Linux. Steal slows everything measured in that time, so it is printed beside
 * the numbers.
 */
export function measureSteal(): () => string | undefined {
  const start = cpuTicks();
  return () => {
    const end = cpuTicks();
    if (!start || !end || end.total <= start.total) return undefined;
    return `${((100 * (end.steal - start.steal)) / (end.total - start.total)).toFixed(1)} %`;
  };
}
