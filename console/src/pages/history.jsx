// The execution's history from baton.events: read once (GET /api/workflow/{id}/history), then
// extended by the live stream's events.
import { time } from '../ui.jsx';

export function History({ history }) {
  if (!history) return null;
  const events = history.events || [];
  return (
    <div class="history" data-events={events.length}>
      {!history.complete && history.truncatedBy && <p class="muted">Only part of the history was read ({history.truncatedBy}).</p>}
      <table class="grid">
        <thead><tr><th>#</th><th>Time</th><th>Event</th><th>Task</th><th>Attempt</th><th>Status</th><th>Reason</th></tr></thead>
        <tbody>
          {events.slice(-500).reverse().map((e) => (
            <tr key={e.seq} data-type={e.type}>
              <td>{e.seq}</td><td>{time(e.timestamp)}</td><td>{e.type}</td><td>{e.taskRef}</td>
              <td>{e.attempt != null ? e.attempt : ''}</td><td>{e.status}</td><td class="reason">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Adds a live event to a history read before, without duplicates, in seq order. */
export function withEvent(history, event) {
  const events = (history && history.events) || [];
  if (events.some((e) => e.seq === event.seq)) return history;
  const next = [...events, event].sort((a, b) => a.seq - b.seq);
  return { ...(history || { workflowId: event.workflowId, complete: false }), events: next, lastSeq: Math.max(event.seq, (history && history.lastSeq) || 0) };
}
