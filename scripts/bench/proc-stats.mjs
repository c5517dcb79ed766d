// What the kernel counted for a server under measure: CPU time and peak resident memory, from /proc (Linux). A
// server may be several processes (Waline runs a cluster master and a worker), so each figure is the sum over the
// process and its descendants alive at the moment of reading.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times: 100 on every Linux that Node runs on. */
const ticksPerSecond = 100;

/** The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses), or undefined. */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** `pid` and every process below it. */
export function processTree(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    // Field 4 of stat, the parent's id, is the second after the name.
    const parent = statFields(name)?.[1];
    if (parent === undefined) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(name);
  }
  const tree = [];
  const pending = [String(pid)];
  while (pending.length > 0) {
    const next = pending.pop();
    tree.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** User and system CPU time used so far by `pid` and its descendants, in milliseconds. */
export function cpuMilliseconds(pid) {
  let ticks = 0;
  for (const member of processTree(pid)) {
    const fields = statFields(member);
    // utime and stime: fields 14 and 15 of stat.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** The peak resident set (VmHWM) of `pid` plus those of its descendants, in bytes. */
export function peakRssBytes(pid) {
  let kilobytes = 0;
  for (const member of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${member}/status`, 'utf8');
      kilobytes += Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended between the listing and this read.
    }
  }
  return kilobytes * 1024;
}
