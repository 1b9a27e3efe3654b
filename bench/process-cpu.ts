import { readdirSync, readFileSync } from 'node:fs';

// Linux reports process times in clock ticks of USER_HZ, which is 100 on every architecture it runs on.
const ticksPerSecond = 100;

function stat(pid: number): { parent: number; cpuSeconds: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses; see proc(5).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      parent: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
    };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far; undefined off Linux or when it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  return stat(pid)?.cpuSeconds;
}

/** CPU seconds of a process and of each of its children, by pid (a PostgreSQL server and its backends). */
export function familyCpuSeconds(rootPid: number): Map<number, number> {
  const family = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return family;
  }
  for (const name of pids) {
    const pid = Number(name);
    const info = stat(pid);
    if (info && (pid === rootPid || info.parent === rootPid)) family.set(pid, info.cpuSeconds);
  }
  return family;
}

/** The parent of a process (for PostgreSQL: the postmaster of a backend). */
export function parentOf(pid: number): number | undefined {
  return stat(pid)?.parent;
}

/**
 * CPU used between two `familyCpuSeconds` readings; processes that started in between count from
 * zero, and those that ended in between are lost (backends of a busy pool stay for the whole run).
 */
export function familyCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
