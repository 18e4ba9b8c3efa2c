/**
 * Timing a benchmark's command: wall and CPU (GNU time), the peak resident memory of its largest
 * process, and of all its processes together (make, Node, pool workers) sampled from /proc.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from '../store/layout.ts'

export interface Timing {
  wall: number
  user: number
  sys: number
  /** the largest single process (GNU time) */
  maxRssMb: number
  /** all the command's processes together (make, Node, pool workers), sampled every 50 ms from /proc */
  treeRssMb: number
  /** the machine's 1-minute load average when the command ended: the machine is shared, so wall time alone misleads */
  load1: number
}

/** The summed resident memory, in bytes, of a process and all its descendants, read from /proc/<pid>/status. */
function treeRss(root: number): number {
  const parent = new Map<number, number>()
  const rss = new Map<number, number>()
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const status = fs.readFileSync(`/proc/${name}/status`, 'utf8')
      parent.set(Number(name), Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]))
      // kernel threads have no VmRSS line
      rss.set(Number(name), Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024)
    } catch {
      // the process ended between the listing and the read
    }
  }
  let total = 0
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid
    while (p !== undefined && p !== root && p > 1) p = parent.get(p)
    if (p === root) total += bytes
  }
  return total
}

/** Runs a command with GNU time around it; returns wall, CPU, the peak RSS of the largest process and of all of them together. */
export async function timed(command: string[]): Promise<Timing> {
  const out = path.join(os.tmpdir(), `fengkou-time-${process.pid}`)
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, ...command], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  let peak = 0
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treeRss(child.pid))
  }, 50)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearInterval(sampler)
  let text: string
  try {
    if (code !== 0) throw new Error(`${command.join(' ')} exited with ${code}`)
    text = fs.readFileSync(out, 'utf8')
  } finally {
    fs.rmSync(out, { force: true })
  }
  const [wall, user, sys, rss] = text.trim().split('\n').pop()?.split(' ').map(Number) ?? []
  return { wall, user, sys, maxRssMb: Math.round(rss / 1024), treeRssMb: Math.round(peak / 2 ** 20), load1: Number(os.loadavg()[0].toFixed(2)) }
}
