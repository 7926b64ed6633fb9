import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathSegments, rangeOf } from '../src/editor/error-paths.js';

test('a validation path becomes property names and indexes', () => {
  assert.deepEqual(pathSegments('$.tasks[1].taskReferenceName'), ['tasks', 1, 'taskReferenceName']);
  assert.deepEqual(pathSegments('$'), []);
  assert.deepEqual(pathSegments("$.inputParameters['a.b']"), ['inputParameters', 'a.b']);
});

const json = JSON.stringify({ name: 'wf', tasks: [{ name: 'a', taskReferenceName: 'a' }, { name: 'b', taskReferenceName: 'a' }] }, null, 2);

test('in JSON the error marks the field it names', () => {
  const r = rangeOf(json, '$.tasks[1].taskReferenceName', 'json');
  assert.equal(json.slice(r.from, r.to), '"taskReferenceName": "a"');
  assert.ok(r.from > json.indexOf('"name": "b"'), 'the second task, not the first');
});

test('a field that is missing marks the nearest part present', () => {
  const r = rangeOf(json, '$.tasks[1].type', 'json');
  assert.ok(json.slice(r.from, r.to).startsWith('{'));
  assert.ok(json.slice(r.from, r.to).includes('"name": "b"'));
});

test('in YAML the error marks the field it names', () => {
  const yaml = 'name: wf\ntasks:\n  - name: a\n    taskReferenceName: a\n  - name: b\n    taskReferenceName: a\n';
  const r = rangeOf(yaml, '$.tasks[1].taskReferenceName', 'yaml');
  assert.equal(yaml.slice(r.from, r.to).trim(), 'taskReferenceName: a');
  assert.equal(yaml.slice(0, r.from).split('\n').length, 6);
});
