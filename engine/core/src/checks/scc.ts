/**
 * Strongly connected components (Tarjan), iterative so a 10,000-step chain cannot overflow the
 * call stack. Linear in nodes + edges.
 */

/** Components of the graph `succ` (successor lists over 0..n-1), each with more than one node or a self-loop. */
export function cyclicComponents(n: number, succ: readonly (readonly number[])[]): number[][] {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  // Explicit call stack: node and the position in its successor list.
  const callNode: number[] = [];
  const callPos: number[] = [];

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callPos.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const next = succ[v]!;
      const pos = callPos[top]!;
      if (pos < next.length) {
        callPos[top] = pos + 1;
        const w = next[pos]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callPos.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      // All successors done: close v, then propagate its low-link to the caller.
      callNode.pop();
      callPos.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || next.includes(v)) result.push(component.reverse());
      }
    }
  }
  return result;
}

/** One concrete cycle through `start` inside `members` (breadth-first, so a shortest one). */
export function cycleThrough(start: number, members: ReadonlySet<number>, succ: readonly (readonly number[])[]): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of succ[v]!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        let cur = v;
        while (cur !== start) {
          cur = parent.get(cur)!;
          path.push(cur);
        }
        return path.reverse();
      }
      if (parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [start];
}
