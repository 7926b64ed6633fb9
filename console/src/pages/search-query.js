// Conductor's search query (the subset Baton serves) from the filters of the executions page.
const quote = (v) => `'${String(v).replace(/'/g, '')}'`;

/** @param {{name?, status?, correlationId?, from?, to?}} f from/to in epoch ms */
export function searchQuery(f) {
  const clauses = [];
  if (f.name) clauses.push(`workflowType IN (${f.name.split(',').map((s) => quote(s.trim())).join(', ')})`);
  if (f.status) clauses.push(`status IN (${f.status.split(',').join(', ')})`);
  if (f.correlationId) clauses.push(`correlationId = ${quote(f.correlationId)}`);
  if (f.from) clauses.push(`startTime >= ${Number(f.from)}`);
  if (f.to) clauses.push(`startTime <= ${Number(f.to)}`);
  return clauses.join(' AND ');
}
