// Task queues and workers: per task type the commands waiting and handed out, the workers that
// polled (when, from which domain), and the limits in force (concurrency, rate, retries, timeouts).
import { get } from '../api.js';
import { ErrorNote, time, useLoad } from '../ui.jsx';

export function Queues() {
  const data = useLoad(async () => {
    const [verbose, polls, defs] = await Promise.all([
      get('/tasks/queue/all/verbose'), get('/tasks/queue/polldata/all'), get('/metadata/taskdefs')]);
    return { verbose, polls, defs };
  }, []);
  const d = data.data || { verbose: {}, polls: [], defs: [] };
  const defs = new Map((d.defs || []).map((t) => [t.name, t]));
  const types = [...new Set([...Object.keys(d.verbose || {}), ...defs.keys()])].sort();
  return (
    <section class="page queues">
      <h1>Task queues and workers <button onClick={data.reload}>Refresh</button></h1>
      <ErrorNote error={data.error} />
      <table class="grid">
        <thead><tr><th>Task type</th><th>Queue (topic)</th><th>Waiting</th><th>Handed out</th><th>Concurrency limit</th>
          <th>Rate limit</th><th>Retries</th><th>Timeouts (response / total)</th><th>Workers (last poll)</th></tr></thead>
        <tbody>
          {types.map((type) => {
            const queues = (d.verbose || {})[type] || {};
            const [topic, sizes] = Object.entries(queues)[0] || ['', {}];
            const def = defs.get(type) || {};
            const workers = (d.polls || []).filter((p) => p.queueName === type);
            return (
              <tr key={type} data-type={type}>
                <td>{type}</td>
                <td><code>{topic}</code></td>
                <td data-size>{sizes.size != null ? sizes.size : ''}</td>
                <td>{sizes.uacked != null ? sizes.uacked : ''}</td>
                <td>{def.concurrentExecLimit ? def.concurrentExecLimit : 'none'}</td>
                <td>{def.rateLimitPerFrequency ? `${def.rateLimitPerFrequency} / ${def.rateLimitFrequencyInSeconds || 1} s` : 'none'}</td>
                <td>{def.retryCount != null ? `${def.retryCount} (${def.retryLogic || 'FIXED'}, ${def.retryDelaySeconds || 0} s)` : ''}</td>
                <td>{def.responseTimeoutSeconds != null ? `${def.responseTimeoutSeconds} s / ${def.timeoutSeconds || 0} s` : ''}</td>
                <td>{workers.map((w) => <div>{w.workerId}{w.domain ? ` [${w.domain}]` : ''} · {time(w.lastPollTime)}</div>)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
