// Operator actions on one execution, each after a confirmation: pause, resume, terminate, retry,
// restart, and for the selected task rerun from it (a task that ran) or skip it (one not scheduled
// yet: as in Conductor, a task already scheduled or run cannot be skipped).
import { del, post, put } from '../api.js';
import { ConfirmButton } from '../ui.jsx';

const OPEN = ['RUNNING', 'PAUSED'];

export function ExecutionActions({ wf, node, task, onDone }) {
  const id = wf.workflowId;
  const open = OPEN.includes(wf.status);
  const skippable = !!node && node.kind === 'task' && !task && open;
  const act = (fn) => async (reason) => {
    await fn(reason);
    onDone();
  };
  return (
    <div class="actions" aria-label="operator actions">
      <ConfirmButton label="Pause" what={`execution ${id}`} disabled={wf.status !== 'RUNNING'}
                     onConfirm={act(() => put(`/workflow/${id}/pause`))} />
      <ConfirmButton label="Resume" what={`execution ${id}`} disabled={wf.status !== 'PAUSED'}
                     onConfirm={act(() => put(`/workflow/${id}/resume`))} />
      <ConfirmButton label="Retry" what={`execution ${id} from its failed task`} disabled={open}
                     onConfirm={act(() => post(`/workflow/${id}/retry`))} />
      <ConfirmButton label="Restart" what={`execution ${id} from the beginning`} disabled={open}
                     onConfirm={act(() => post(`/workflow/${id}/restart`))} />
      <ConfirmButton label="Terminate" danger askReason what={`execution ${id}`} disabled={!open}
                     onConfirm={act((reason) => del(`/workflow/${id}`, { reason }))} />
      <ConfirmButton label="Rerun from task" testId="Rerun" what={task ? `execution ${id} from ${task.referenceTaskName}` : ''}
                     disabled={!task || open}
                     onConfirm={act(() => post(`/workflow/${id}/rerun`, { reRunFromWorkflowId: id, reRunFromTaskId: task.taskId }))} />
      <ConfirmButton label="Skip task" testId="Skip" what={node ? `${node.id} of execution ${id}` : ''}
                     disabled={!skippable}
                     onConfirm={act(() => put(`/workflow/${id}/skiptask/${encodeURIComponent(node.id)}`, {}))} />
    </div>
  );
}
