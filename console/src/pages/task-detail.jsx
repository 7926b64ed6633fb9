// One task of an execution: its attempts (each with status, worker, times, reason), the latest
// attempt's input and output, and its logs.
import { get } from '../api.js';
import { href } from '../router.js';
import { Json, Status, duration, time, useLoad } from '../ui.jsx';

export function TaskDetail({ node, attempts }) {
  const latest = attempts[attempts.length - 1];
  const logs = useLoad(() => (latest ? get(`/tasks/${latest.taskId}/log`) : Promise.resolve([])), [latest && latest.taskId, latest && latest.updateTime]);
  if (!node) return <aside class="task-detail empty">Select a task in the diagram.</aside>;
  return (
    <aside class="task-detail" data-ref={node.id} data-status={node.status || 'NOT_RUN'}>
      <h2>{node.label} <Status status={node.status} /></h2>
      <p class="muted">{node.name} · {node.taskType}{node.iterations ? ` · ${node.iterations} iterations` : ''}</p>
      {node.subWorkflowId && <p><a href={href('execution', node.subWorkflowId)} data-child>child execution {node.subWorkflowId}</a></p>}
      {latest && latest.reasonForIncompletion && <p class="error task-reason">{latest.reasonForIncompletion}</p>}
      <table class="grid attempts">
        <thead><tr><th>#</th><th>Status</th><th>Worker</th><th>Scheduled</th><th>Started</th><th>Took</th><th>Reason</th></tr></thead>
        <tbody>
          {attempts.map((t, i) => (
            <tr key={t.taskId} data-attempt={i + 1} data-status={t.status}>
              <td>{i + 1}{t.iteration ? ` (it. ${t.iteration})` : ''}</td>
              <td><Status status={t.status} /></td>
              <td>{t.workerId}</td>
              <td>{time(t.scheduledTime)}</td>
              <td>{time(t.startTime)}</td>
              <td>{t.startTime ? duration(t.startTime, t.endTime || undefined) : ''}</td>
              <td class="reason">{t.reasonForIncompletion}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {latest && <Json label="Input" value={latest.inputData} />}
      {latest && <Json label="Output" value={latest.outputData} />}
      {logs.data && logs.data.length > 0 && (
        <div class="logs"><div class="json-label">Logs</div>
          <pre>{logs.data.map((l) => `${time(l.createdTime)}  ${l.log}`).join('\n')}</pre>
        </div>
      )}
    </aside>
  );
}
