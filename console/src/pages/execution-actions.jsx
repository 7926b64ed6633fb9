// Operator actions on one execution, each after a confirmation: pause, resume, terminate, retry,
// restart, and for the selected task rerun from it or skip it.
import { del, post, put } from '../api.js';
import { ConfirmButton } from '../ui.jsx';

const OPEN = ['RUNNING', 'PAUSED'];

export function ExecutionActions({ wf, task, onDone }) {
  const id = wf.workflowId;
  const open = OPEN.includes(wf.status);
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
      <ConfirmButton label="Skip task" testId="Skip" what={task ? `${task.referenceTaskName} of execution ${id}` : ''}
                     disabled={!task || !open || !['SCHEDULED', 'IN_PROGRESS'].includes(task.status)}
                     onConfirm={act(() => put(`/workflow/${id}/skiptask/${encodeURIComponent(task.referenceTaskName)}`, {}))} />
    </div>
  );
}
