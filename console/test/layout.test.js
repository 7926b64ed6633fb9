import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph } from '../src/graph/build-graph.js';
import { chainLinks, chains, layout, LARGE, SIZES } from '../src/graph/layout.js';

function forked(branches, length) {
  const fork = { name: 'fork', taskReferenceName: 'fork', type: 'FORK_JOIN', forkTasks: [] };
  const joinOn = [];
  for (let b = 0; b < branches; b++) {
    const br = [];
    for (let i = 0; i < length; i++) br.push({ name: `b${b}_${i}`, taskReferenceName: `b${b}_${i}`, type: 'NOOP' });
    fork.forkTasks.push(br);
    joinOn.push(`b${b}_${length - 1}`);
  }
  return { tasks: [fork, { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn }] };
}

function overlaps(g, at) {
  const boxes = g.nodes.map((n) => ({ id: n.id, ...at.get(n.id), ...SIZES[n.kind] }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height) return `${a.id} / ${b.id}`;
    }
  }
  return null;
}

test('chains are the runs of tasks one after the other', () => {
  const g = buildGraph(forked(2, 4));
  assert.deepEqual(chains(g.nodes, g.edges), [['b0_0', 'b0_1', 'b0_2', 'b0_3'], ['b1_0', 'b1_1', 'b1_2', 'b1_3']]);
});

test('a large graph: every node placed, none overlapping, each branch below its fork and above its join', () => {
  const g = buildGraph(forked(20, 49));
  assert.ok(g.nodes.length > LARGE);
  const at = layout(g);
  assert.equal(at.size, g.nodes.length);
  assert.equal(overlaps(g, at), null);
  for (let b = 0; b < 20; b++) {
    assert.ok(at.get('fork').y < at.get(`b${b}_0`).y);
    assert.ok(at.get(`b${b}_48`).y < at.get('join').y);
    assert.equal(at.get(`b${b}_0`).x, at.get(`b${b}_48`).x, 'a branch is one column');
    assert.ok(at.get(`b${b}_0`).y < at.get(`b${b}_1`).y);
  }
});

test('a small graph is laid out node by node, without overlaps', () => {
  const g = buildGraph(forked(3, 4));
  const at = layout(g);
  assert.equal(overlaps(g, at), null);
  assert.ok(at.get('b1_0').y < at.get('b1_1').y);
});

test('a large graph leaves out the edges inside its chains at first, and only those', () => {
  const g = buildGraph(forked(20, 49));
  const links = chainLinks(g);
  assert.equal(links.size, 20 * 48);
  for (const e of g.edges) {
    const inside = /^b(\d+)_(\d+)$/.exec(e.source) && /^b(\d+)_(\d+)$/.exec(e.target);
    assert.equal(links.has(e.id), Boolean(inside), `${e.source} > ${e.target}`);
  }
  assert.equal(chainLinks(buildGraph(forked(3, 4))).size, 0, 'a small graph draws every edge');
});
