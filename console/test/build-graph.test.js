import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildGraph, START, END } from '../src/graph/build-graph.js';

const shapes = JSON.parse(readFileSync(new URL('./fixtures/shapes-execution.json', import.meta.url)));
const saga = JSON.parse(readFileSync(new URL('./fixtures/failed-saga-execution.json', import.meta.url)));

function nodeOf(g, id) {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `no node ${id}`);
  return n;
}
function edgesBetween(g, source, target) {
  return g.edges.filter((e) => e.source === source && e.target === target);
}

test('a definition alone: every task a node, no status, start and end', () => {
  const g = buildGraph(shapes.workflowDefinition);
  for (const ref of ['fork', 'a1', 'b1', 'b2', 'join', 'sw', 'l1', 'r1', 'd1', 'loop', 'body', 'dyn', 'dynjoin', 'sub', 'wait']) {
    assert.equal(nodeOf(g, ref).status, null, ref);
  }
  assert.equal(edgesBetween(g, START, 'fork').length, 1);
  assert.equal(edgesBetween(g, 'wait', END).length, 1);
});

test('a fork leads into each branch, and each branch into the join', () => {
  const g = buildGraph(shapes.workflowDefinition, shapes.tasks, shapes.status);
  assert.equal(edgesBetween(g, 'fork', 'a1').length, 1);
  assert.equal(edgesBetween(g, 'fork', 'b1').length, 1);
  assert.equal(edgesBetween(g, 'b1', 'b2').length, 1);
  assert.equal(edgesBetween(g, 'a1', 'join').length, 1);
  assert.equal(edgesBetween(g, 'b2', 'join').length, 1);
});

test('a switch marks the branch it took, and the others as not taken', () => {
  const g = buildGraph(shapes.workflowDefinition, shapes.tasks, shapes.status);
  assert.equal(edgesBetween(g, 'sw', 'l1')[0].state, 'taken');
  assert.equal(edgesBetween(g, 'sw', 'l1')[0].label, 'left');
  assert.equal(edgesBetween(g, 'sw', 'r1')[0].state, 'not-taken');
  assert.equal(edgesBetween(g, 'sw', 'd1')[0].state, 'not-taken');
  assert.equal(nodeOf(g, 'l1').status, 'COMPLETED');
  assert.equal(nodeOf(g, 'r1').status, null);
  // every branch leads on to the next task
  for (const ref of ['l1', 'r1', 'd1']) assert.equal(edgesBetween(g, ref, 'loop__loop_end').length, 0);
  for (const ref of ['l1', 'r1', 'd1']) assert.equal(edgesBetween(g, ref, 'loop').length, 1, ref);
});

test('a loop shows its body once, with the iterations it ran', () => {
  const g = buildGraph(shapes.workflowDefinition, shapes.tasks, shapes.status);
  const body = nodeOf(g, 'body');
  assert.equal(body.status, 'COMPLETED');
  assert.equal(body.iterations, 3);
  assert.equal(nodeOf(g, 'loop').iterations, 3);
  const back = edgesBetween(g, 'loop__loop_end', 'loop')[0];
  assert.equal(back.kind, 'loop');
  assert.equal(back.label, '× 3');
  assert.ok(!g.nodes.some((n) => n.id === 'body__1'), 'iterations are not nodes of their own');
});

test('a dynamic fork shows the tasks it spawned, joined', () => {
  const g = buildGraph(shapes.workflowDefinition, shapes.tasks, shapes.status);
  for (const ref of ['x1', 'x2']) {
    assert.equal(nodeOf(g, ref).dynamic, true);
    assert.equal(edgesBetween(g, 'dyn', ref).length, 1);
    assert.equal(edgesBetween(g, ref, 'dynjoin').length, 1);
  }
});

test('a sub-workflow node knows its child', () => {
  const g = buildGraph(shapes.workflowDefinition, shapes.tasks, shapes.status);
  const sub = nodeOf(g, 'sub');
  assert.ok(sub.subWorkflowId, 'the child workflow id');
  assert.equal(sub.subWorkflowName, 'console_child');
  assert.equal(nodeOf(g, 'wait').status, 'IN_PROGRESS');
  assert.equal(nodeOf(g, END).status, null, 'a running workflow has not ended');
});

test('a failed saga: the failed step is red after its retries, its compensations hang off the steps they undo', () => {
  const g = buildGraph(saga.workflowDefinition, saga.tasks, saga.status);
  const charge = nodeOf(g, 'charge_ref');
  assert.equal(charge.status, 'FAILED');
  assert.equal(charge.attempts, 4);
  assert.equal(nodeOf(g, 'ticket_ref').status, null);
  assert.equal(nodeOf(g, 'charge_ref__compensation').kind, 'compensation');
  assert.equal(edgesBetween(g, 'charge_ref', 'charge_ref__compensation')[0].kind, 'compensation');
  assert.equal(edgesBetween(g, 'reserve_ref', 'reserve_ref__compensation').length, 1);
  assert.equal(nodeOf(g, END).status, 'FAILED');
});

test('a retried attempt that succeeded turns the node green', () => {
  const retried = saga.tasks.concat([{ ...saga.tasks.find((t) => t.referenceTaskName === 'charge_ref'),
    status: 'COMPLETED', seq: 99, taskId: 'retry-1' }]);
  const g = buildGraph(saga.workflowDefinition, retried, 'RUNNING');
  assert.equal(nodeOf(g, 'charge_ref').status, 'COMPLETED');
  assert.equal(nodeOf(g, 'charge_ref').attempts, 5);
});

test('a terminate task ends its branch', () => {
  const def = { tasks: [
    { name: 's', taskReferenceName: 's', type: 'SWITCH', decisionCases: { stop: [{ name: 't', taskReferenceName: 't', type: 'TERMINATE' }] }, defaultCase: [] },
    { name: 'after', taskReferenceName: 'after', type: 'SIMPLE' }] };
  const g = buildGraph(def);
  assert.equal(edgesBetween(g, 't', 'after').length, 0);
  assert.equal(edgesBetween(g, 's', 'after')[0].label, 'default');
});

test('a definition alone shows each compensation it declares, hanging off its step', () => {
  const g = buildGraph(saga.workflowDefinition);
  const comp = nodeOf(g, 'charge_ref__compensation');
  assert.equal(comp.kind, 'compensation');
  assert.equal(comp.status, null);
  assert.equal(comp.whenFailed, true);
  assert.equal(edgesBetween(g, 'charge_ref', 'charge_ref__compensation')[0].kind, 'compensation');
  assert.equal(edgesBetween(g, 'ticket_ref', 'ticket_ref__compensation').length, 0);
});
