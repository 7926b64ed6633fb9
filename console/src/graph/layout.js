// Positions for the diagram's nodes, from dagre's layered layout (top to bottom). A large graph
// (beyond LARGE nodes) is laid out with each chain of tasks (one after the other, nothing joining
// or leaving in between) as one tall node, whose tasks are then stacked inside it: dagre's time
// grows with the nodes it places, and long branches are most of a big workflow's tasks.
import dagre from '@dagrejs/dagre';

export const SIZES = {
  task: { width: 170, height: 46 },
  compensation: { width: 170, height: 46 },
  start: { width: 46, height: 46 },
  end: { width: 46, height: 46 },
  loopEnd: { width: 24, height: 24 },
};

const RANKSEP = 42;
/** Beyond this many nodes chains are laid out as one node, and dagre's crossing reduction is skipped. */
export const LARGE = 300;

export function sizeOf(node) {
  return SIZES[node.kind] || SIZES.task;
}

/** Chains of at least three task nodes linked one to the next, with no other edge inside. */
export function chains(nodes, edges) {
  const out = new Map();
  const inn = new Map();
  for (const e of edges) {
    out.set(e.source, (out.get(e.source) || []).concat(e.target));
    inn.set(e.target, (inn.get(e.target) || []).concat(e.source));
  }
  const kind = new Map(nodes.map((n) => [n.id, n.kind]));
  const linked = (u, v) => kind.get(u) === 'task' && kind.get(v) === 'task'
      && (out.get(u) || []).length === 1 && (inn.get(v) || []).length === 1 && u !== v;
  const result = [];
  for (const n of nodes) {
    if (n.kind !== 'task') continue;
    const preds = inn.get(n.id) || [];
    if (preds.length === 1 && linked(preds[0], n.id)) continue; // not a chain's head
    const chain = [n.id];
    let cur = n.id;
    while ((out.get(cur) || []).length === 1 && linked(cur, out.get(cur)[0]) && !chain.includes(out.get(cur)[0])) {
      cur = out.get(cur)[0];
      chain.push(cur);
    }
    if (chain.length >= 3) result.push(chain);
  }
  return result;
}

/** @returns {Map<string, {x: number, y: number}>} the centre of each node */
export function layout(graph) {
  const large = graph.nodes.length > LARGE;
  const edges = graph.edges.filter((e) => e.kind !== 'loop'); // the loop's way back is drawn, not laid out
  const chainOf = new Map();
  const chainList = large ? chains(graph.nodes, edges) : [];
  chainList.forEach((c, i) => c.forEach((id, k) => chainOf.set(id, { key: `__chain${i}`, index: k, chain: c })));
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: RANKSEP, edgesep: 12, ranker: 'longest-path', marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  const placed = (id) => (chainOf.has(id) ? chainOf.get(id).key : id);
  for (const n of graph.nodes) {
    const c = chainOf.get(n.id);
    if (!c) g.setNode(n.id, { ...sizeOf(n) });
    else if (c.index === 0) g.setNode(c.key, { width: SIZES.task.width, height: c.chain.length * (SIZES.task.height + RANKSEP) - RANKSEP });
  }
  for (const e of edges) {
    const s = placed(e.source);
    const t = placed(e.target);
    if (s !== t) g.setEdge(s, t, {}, e.id);
  }
  dagre.layout(g, { disableOptimalOrderHeuristic: large });
  const at = new Map();
  for (const n of graph.nodes) {
    const c = chainOf.get(n.id);
    const p = g.node(c ? c.key : n.id);
    if (!c) {
      at.set(n.id, { x: p.x, y: p.y });
    } else {
      const top = p.y - p.height / 2;
      at.set(n.id, { x: p.x, y: top + SIZES.task.height / 2 + c.index * (SIZES.task.height + RANKSEP) });
    }
  }
  return at;
}

/**
 * The edges of a large graph between one task of a chain and the next (none for a small graph):
 * the tasks are stacked one under the other, so these short edges are drawn only once zoomed in.
 */
export function chainLinks(graph) {
  if (graph.nodes.length <= LARGE) return new Set();
  const edges = graph.edges.filter((e) => e.kind !== 'loop');
  const next = new Map();
  for (const c of chains(graph.nodes, edges)) for (let i = 0; i + 1 < c.length; i++) next.set(c[i], c[i + 1]);
  return new Set(edges.filter((e) => next.get(e.source) === e.target && !e.label && !e.state).map((e) => e.id));
}
