import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchQuery } from '../src/pages/search-query.js';

test('filters become Conductor query clauses joined with AND', () => {
  assert.equal(searchQuery({}), '');
  assert.equal(searchQuery({ name: 'a, b', status: 'FAILED', correlationId: "c'1", from: 10, to: 20 }),
    "workflowType IN ('a', 'b') AND status IN (FAILED) AND correlationId = 'c1' AND startTime >= 10 AND startTime <= 20");
});
