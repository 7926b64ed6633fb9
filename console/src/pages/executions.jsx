// Executions: search (name, status, correlation id, time range, free text), paged by the server,
// with bulk pause/resume/terminate/retry of the selected rows.
import { useState } from 'preact/hooks';
import { get, post, put } from '../api.js';
import { href } from '../router.js';
import { ConfirmButton, ErrorNote, Status, span, time, useLoad } from '../ui.jsx';
import { searchQuery } from './search-query.js';

const STATUSES = ['RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'];
const PAGE = 25;

function toMs(local) {
  return local ? new Date(local).getTime() : '';
}

/** Where the last page starts: the page the last of {@code total} executions is on. */
export function lastPage(total) {
  return total > 0 ? Math.floor((total - 1) / PAGE) * PAGE : 0;
}

function setQuery(q) {
  const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v != null));
  location.hash = '#/executions?' + new URLSearchParams(clean);
}

export function Executions({ query }) {
  const [form, setForm] = useState({ name: '', status: '', correlationId: '', freeText: '', from: '', to: '', ...query });
  const start = Number(query.start || 0);
  const [selected, setSelected] = useState(new Set());
  const [bulkNote, setBulkNote] = useState(null);
  const names = useLoad(() => get('/metadata/workflow/names'), []);
  const result = useLoad(() => get('/workflow/search', {
    start, size: PAGE, freeText: query.freeText || '*',
    query: searchQuery({ ...query, from: toMs(query.from), to: toMs(query.to) }),
  }), [JSON.stringify(query)]);

  const rows = (result.data && result.data.results) || [];
  const total = (result.data && result.data.totalHits) || 0;
  const ids = [...selected];

  function submit(e) {
    e.preventDefault();
    setSelected(new Set());
    setQuery({ ...form, start: 0 });
  }
  function toggle(id) {
    const next = new Set(selected);
    next.has(id) ? next.delete(id) : next.add(id);
    setSelected(next);
  }
  async function bulk(label, fn) {
    const r = await fn();
    const ok = (r && r.bulkSuccessfulResults) || [];
    const failed = Object.entries((r && r.bulkErrorResults) || {});
    setBulkNote(`${label}: ${ok.length} done` + (failed.length ? `, ${failed.length} refused (${failed.map(([id, why]) => `${id.slice(0, 8)}: ${why}`).join('; ')})` : ''));
    setSelected(new Set());
    result.reload();
  }
  const field = (k) => ({ value: form[k], onInput: (e) => setForm({ ...form, [k]: e.target.value }) });

  return (
    <section class="page executions">
      <h1>Executions</h1>
      <form class="filters" onSubmit={submit}>
        <label>Workflow
          <input name="name" list="wf-names" placeholder="any" {...field('name')} />
          <datalist id="wf-names">{((names.data) || []).map((n) => <option value={n} />)}</datalist>
        </label>
        <label>Status
          <select name="status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
            <option value="">any</option>
            {STATUSES.map((s) => <option value={s}>{s}</option>)}
          </select>
        </label>
        <label>Correlation id <input name="correlationId" {...field('correlationId')} /></label>
        <label>Started from <input name="from" type="datetime-local" step="1" {...field('from')} /></label>
        <label>to <input name="to" type="datetime-local" step="1" {...field('to')} /></label>
        <label>Text <input name="freeText" placeholder="id, input…" {...field('freeText')} /></label>
        <button type="submit" class="primary">Search</button>
      </form>

      <div class="bulk" aria-label="bulk actions">
        <span>{ids.length} selected</span>
        <ConfirmButton label="Pause" testId="bulk-pause" what={`${ids.length} executions`} disabled={!ids.length}
                       onConfirm={() => bulk('Pause', () => put('/workflow/bulk/pause', ids))} />
        <ConfirmButton label="Resume" testId="bulk-resume" what={`${ids.length} executions`} disabled={!ids.length}
                       onConfirm={() => bulk('Resume', () => put('/workflow/bulk/resume', ids))} />
        <ConfirmButton label="Retry" testId="bulk-retry" what={`${ids.length} executions`} disabled={!ids.length}
                       onConfirm={() => bulk('Retry', () => post('/workflow/bulk/retry', ids))} />
        <ConfirmButton label="Terminate" testId="bulk-terminate" danger askReason what={`${ids.length} executions`}
                       disabled={!ids.length}
                       onConfirm={(reason) => bulk('Terminate', () => post('/workflow/bulk/terminate', ids, { reason }))} />
        {bulkNote && <span class="note" data-bulk-note>{bulkNote}</span>}
      </div>

      <ErrorNote error={result.error} />
      <table class="grid" data-total={total} data-start={start} data-loading={result.loading ? 'true' : 'false'}>
        <thead>
          <tr>
            <th><input type="checkbox" aria-label="select all on this page"
                       checked={rows.length > 0 && rows.every((r) => selected.has(r.workflowId))}
                       onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.workflowId) : []))} /></th>
            <th>Workflow</th><th>Id</th><th>Status</th><th>Correlation id</th><th>Started</th><th>Duration</th><th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.workflowId} data-id={r.workflowId} data-status={r.status}>
              <td><input type="checkbox" checked={selected.has(r.workflowId)} onChange={() => toggle(r.workflowId)} /></td>
              <td>{r.workflowType} <small>v{r.version}</small></td>
              <td><a class="open" href={href('execution', r.workflowId)}>{r.workflowId}</a></td>
              <td><Status status={r.status} /></td>
              <td>{r.correlationId}</td>
              <td>{time(Date.parse(r.startTime) || Number(r.startTime))}</td>
              <td>{r.executionTime ? span(r.executionTime) : ''}</td>
              <td class="reason">{r.reasonForIncompletion}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager">
        <button data-pager="first" disabled={start === 0} onClick={() => setQuery({ ...query, start: 0 })}>« First</button>
        <button data-pager="previous" disabled={start === 0} onClick={() => setQuery({ ...query, start: Math.max(0, start - PAGE) })}>‹ Previous</button>
        <span data-page>{total ? `${start + 1}–${start + rows.length} of ${total}` : 'no executions'}</span>
        <button data-pager="next" disabled={start + PAGE >= total} onClick={() => setQuery({ ...query, start: start + PAGE })}>Next ›</button>
        <button data-pager="last" disabled={start + PAGE >= total} onClick={() => setQuery({ ...query, start: lastPage(total) })}>Last »</button>
      </nav>
    </section>
  );
}
