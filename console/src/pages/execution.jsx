// One execution: its diagram (laid out from the definition, coloured by the tasks' statuses),
// the selected task's detail, the operator actions, the timeline of attempts (loaded when its tab
// is opened) and the history.
// It follows the execution's events (server-sent, from baton.events) and reloads on each one.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { follow, get } from '../api.js';
import { href } from '../router.js';
import { buildGraph, indexRuns } from '../graph/build-graph.js';
import { Diagram } from '../graph/diagram.jsx';

export { warmUp } from '../graph/diagram.jsx';
import { ErrorNote, Json, Status, duration, time } from '../ui.jsx';
import { ExecutionActions } from './execution-actions.jsx';
import { History, withEvent } from './history.jsx';
import { TaskDetail } from './task-detail.jsx';

const TABS = ['Diagram', 'Timeline', 'History', 'Input/Output'];

// The timeline (ECharts) is a chunk of its own: opening an execution does not wait for it.
const timelineChunk = () => import('./timeline.jsx');
export const preloadTimeline = timelineChunk;

function LazyTimeline({ tasks }) {
  const [mod, setMod] = useState(null);
  useEffect(() => { timelineChunk().then(setMod); }, []);
  return mod ? <mod.Timeline tasks={tasks} /> : <p class="muted">Loading…</p>;
}

export function Execution({ id, query }) {
  const [wf, setWf] = useState(null);
  const [error, setError] = useState(null);
  const [history, setHistory] = useState(null);
  const [live, setLive] = useState(false);
  const [tab, setTab] = useState('Diagram');
  const selected = query.task || null;
  const fetched = useRef(0);
  const pending = useRef(null);
  const measured = useRef(false);

  async function load() {
    try {
      const data = await get(`/workflow/${encodeURIComponent(id)}`, { includeTasks: true });
      if (!fetched.current) fetched.current = performance.now(); // the first answer, for the first drawing
      setWf(data);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  function reloadSoon() {
    if (pending.current) return;
    pending.current = setTimeout(() => { pending.current = null; load(); }, 100);
  }

  useEffect(() => {
    setWf(null);
    setHistory(null);
    load();
    const stop = follow(`/workflow/${encodeURIComponent(id)}/history/stream`, (ev) => {
      if (ev.event === 'ready') {
        setLive(true);
        get(`/workflow/${encodeURIComponent(id)}/history`).then((h) => setHistory((cur) => {
          let merged = h;
          for (const e of (cur && cur.events) || []) merged = withEvent(merged, e);
          return merged;
        }), () => {});
        reloadSoon(); // what happened between the first read and the stream's start
      } else if (ev.event === 'event') {
        const e = JSON.parse(ev.data);
        setHistory((cur) => withEvent(cur, e));
        reloadSoon();
      }
    });
    return () => {
      stop();
      setLive(false);
      clearTimeout(pending.current);
      pending.current = null;
    };
  }, [id]);

  const graphMs = useRef(0);
  const graph = useMemo(() => {
    if (!wf) return null;
    const t = performance.now();
    const g = buildGraph(wf.workflowDefinition, wf.tasks, wf.status);
    graphMs.current = Math.round(performance.now() - t);
    return g;
  }, [wf]);
  const runs = useMemo(() => indexRuns(wf ? wf.tasks : []), [wf]);
  const node = graph && selected ? graph.nodes.find((n) => n.id === selected) : null;
  const attempts = node ? (runs.get(node.id) || (wf.tasks || []).filter((t) => t.referenceTaskName.startsWith(node.id + '__'))) : [];
  const selectedTask = attempts.length ? attempts[attempts.length - 1] : null;

  function select(n) {
    location.hash = href('execution', id) + '?task=' + encodeURIComponent(n.id);
  }
  function rendered(phases) {
    const now = performance.now();
    const b = document.body.dataset;
    if (!measured.current) { // the first drawing of this execution: what opening it costs
      measured.current = true;
      b.renderedAt = String(now);
      b.drawMs = String(Math.round(now - fetched.current));
      b.drawPhases = JSON.stringify({ graph: graphMs.current, ...(phases || {}) });
    }
    b.renderedExecution = id;
    b.renderedTasks = String((wf && wf.tasks.length) || 0);
    b.renderedStatus = wf ? wf.status : '';
  }

  if (error && !wf) return <section class="page"><ErrorNote error={error} /></section>;
  if (!wf) return <section class="page"><p class="muted">Loading {id}…</p></section>;
  return (
    <section class="page execution" data-id={wf.workflowId} data-status={wf.status}>
      <header class="execution-head">
        <h1>{wf.workflowName} <small>v{wf.workflowVersion}</small> <Status status={wf.status} /></h1>
        <span class={'live ' + (live ? 'on' : 'off')} title="updates from baton.events">{live ? '● live' : '○ not live'}</span>
        <dl>
          <dt>Id</dt><dd data-workflow-id>{wf.workflowId}</dd>
          {wf.correlationId && <><dt>Correlation id</dt><dd>{wf.correlationId}</dd></>}
          <dt>Started</dt><dd>{time(wf.startTime || wf.createTime)}</dd>
          <dt>Took</dt><dd>{duration(wf.startTime || wf.createTime, wf.endTime || undefined)}</dd>
          {wf.parentWorkflowId && <><dt>Parent</dt><dd><a href={href('execution', wf.parentWorkflowId)}>{wf.parentWorkflowId}</a></dd></>}
          {wf.reasonForIncompletion && <><dt>Reason</dt><dd class="error" data-wf-reason>{wf.reasonForIncompletion}</dd></>}
        </dl>
        <ExecutionActions wf={wf} node={node} task={selectedTask} onDone={load} />
        <ErrorNote error={error} />
      </header>
      <nav class="tabs">
        {TABS.map((t) => <button class={t === tab ? 'on' : ''} data-tab={t} onClick={() => setTab(t)}>{t}</button>)}
      </nav>
      <div class="execution-body">
        <div class="main-pane">
          {tab === 'Diagram' && <Diagram graph={graph} selected={selected} onSelect={select} onRendered={rendered} height="600px" />}
          {tab === 'Timeline' && <LazyTimeline tasks={wf.tasks} />}
          {tab === 'History' && <History history={history} />}
          {tab === 'Input/Output' && <div class="io"><Json label="Input" value={wf.input} /><Json label="Output" value={wf.output} /><Json label="Variables" value={wf.variables} /></div>}
        </div>
        <TaskDetail node={node} attempts={attempts} />
      </div>
    </section>
  );
}
