// Event handlers and the bridge: Conductor's event handlers; per observed choreography its steps
// (observed or commanded, SLA), how many flows wait at each and how many are past their SLA;
// "where is booking X" and the timeline of one business key; the bridge's counters.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { href } from '../router.js';
import { ErrorNote, Status, span, useLoad } from '../ui.jsx';
import { Timeline } from './timeline.jsx';

export function bridged(def) {
  return (def.eventSources && def.eventSources.length > 0) || (def.tasks || []).some((t) => t.mode === 'observe' || t.completeOn);
}

export function Bridge() {
  const data = useLoad(async () => {
    const [handlers, defs, stats, sources] = await Promise.all([
      get('/event'), get('/metadata/workflow/latest-versions'), get('/bridge/stats').catch(() => null), get('/bridge/sources').catch(() => [])]);
    const flows = defs.filter(bridged);
    const counts = await Promise.all(flows.map((def) => Promise.all((def.tasks || []).map((t) =>
      get(`/bridge/${encodeURIComponent(def.name)}/stuck`, { step: t.taskReferenceName }).catch(() => null)))));
    return { handlers, flows, counts, stats, sources };
  }, []);
  const d = data.data;
  return (
    <section class="page bridge">
      <h1>Event handlers and the bridge <button onClick={data.reload}>Refresh</button></h1>
      <ErrorNote error={data.error} />
      {d && d.flows.map((def, i) => <Choreography def={def} counts={d.counts[i]} />)}
      {d && !d.flows.length && <p class="muted">No observed choreography (a definition with eventSources or observed steps).</p>}
      <h2>Event handlers</h2>
      <table class="grid handlers">
        <thead><tr><th>Name</th><th>Event</th><th>Condition</th><th>Actions</th><th>Active</th></tr></thead>
        <tbody>
          {d && d.handlers.map((h) => (
            <tr data-handler={h.name}><td>{h.name}</td><td><code>{h.event}</code></td><td><code>{h.condition}</code></td>
              <td>{(h.actions || []).map((a) => a.action).join(', ')}</td><td>{h.active ? 'yes' : 'no'}</td></tr>
          ))}
        </tbody>
      </table>
      {d && d.sources.length > 0 && (<><h2>Stand-alone event sources</h2>
        <ul>{d.sources.map((s) => <li><code>{s.name}</code>: {s.topic} → {s.workflowName} ({s.action})</li>)}</ul></>)}
      {d && d.stats && (<><h2>Bridge counters</h2>
        <dl class="stats">{Object.entries(d.stats).map(([k, v]) => <><dt>{k}</dt><dd>{typeof v === 'object' ? JSON.stringify(v) : v}</dd></>)}</dl></>)}
    </section>
  );
}

function Choreography({ def, counts }) {
  const [key, setKey] = useState('');
  const [found, setFound] = useState(null);
  const [error, setError] = useState(null);
  async function where(e) {
    e.preventDefault();
    setError(null);
    setFound(null);
    try {
      setFound(await get(`/bridge/${encodeURIComponent(def.name)}/instances/${encodeURIComponent(key)}`));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div class="choreography" data-workflow={def.name}>
      <h2><a href={href('definitions', def.name, def.version)}>{def.name}</a> <small>v{def.version}</small></h2>
      <table class="grid steps">
        <thead><tr><th>Step</th><th>Mode</th><th>SLA</th><th>Waiting now</th><th>Past SLA</th></tr></thead>
        <tbody>
          {(def.tasks || []).map((t, i) => {
            const c = counts && counts[i];
            return (
              <tr data-step={t.taskReferenceName} data-mode={t.mode || 'command'}>
                <td>{t.taskReferenceName}</td>
                <td>{t.mode === 'observe' ? 'observed' : 'commanded'}</td>
                <td>{t.expectedDurationSeconds ? `${t.expectedDurationSeconds} s` : ''}</td>
                <td data-count>{c ? c.count : ''}</td>
                <td data-breached class={c && c.slaBreached ? 'error' : ''}>
                  {c ? c.slaBreached : ''}
                  {c && c.slaBreachedWorkflowIds && c.slaBreachedWorkflowIds.slice(0, 5).map((id) => <> <a href={href('execution', id)}>{id.slice(0, 8)}</a></>)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form class="filters" onSubmit={where}>
        <label>Where is <input name="businessKey" placeholder="business key, e.g. a booking id" value={key} onInput={(e) => setKey(e.target.value)} /></label>
        <button type="submit">Find</button>
      </form>
      <ErrorNote error={error} />
      {found && (
        <div class="found" data-found={found.businessKey}>
          <p><a href={href('execution', found.workflowId)}>{found.workflowId}</a> <Status status={found.status} />
            {found.currentSteps && found.currentSteps.length ? ` waiting at ${found.currentSteps.join(', ')}` : ''} · {span(found.durationMs)}</p>
          <Timeline tasks={(found.timeline || []).map((s, i) => ({ ...s, seq: i, referenceTaskName: s.taskRef, startTime: s.scheduledTime, endTime: s.running ? 0 : s.endTime }))} />
        </div>
      )}
    </div>
  );
}
