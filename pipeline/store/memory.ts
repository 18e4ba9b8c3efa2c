/** Freeing memory at the points where a stage knows that most of what it allocated is garbage. */
import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * A full garbage collection, now. V8 collects when its heap grows, and lets it grow with garbage on a
 * machine with memory to spare: the drafting of a dense 10 MB article peaked at 846 MB with about 400
 * MB live. And memory outside the heap that a JavaScript object holds (a DuckDB query's result) is
 * freed only when that object is collected, which V8, not seeing that memory, does late. Exposed at
 * start-up: --expose-gc is a V8 flag that a running process may set.
 */
export const collect: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc
  try {
    v8.setFlagsFromString('--expose-gc')
    return vm.runInNewContext('gc') as () => void
  } catch {
    // a Node whose V8 refuses: no collection, only more memory
    return () => {}
  }
})()
