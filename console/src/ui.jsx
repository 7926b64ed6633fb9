// Small pieces shared by the pages: status badges, times, JSON blocks, a confirmation dialog.
import { useEffect, useRef, useState } from 'preact/hooks';
import { statusColor, statusTextColor } from './graph/style.js';

export function Status({ status }) {
  if (!status) return <span class="status none">not run</span>;
  return (
    <span class="status" data-status={status} style={{ background: statusColor(status), color: statusTextColor(status) }}>
      {status}
    </span>
  );
}

export function time(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export function duration(from, to) {
  if (!from) return '';
  return span((to || Date.now()) - from);
}

/** A length of time in ms, for people. */
export function span(ms) {
  if (ms == null || Number.isNaN(ms)) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

export function Json({ value, label }) {
  return (
    <div class="json">
      {label && <div class="json-label">{label}</div>}
      <pre>{value === undefined ? '' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

export function ErrorNote({ error }) {
  if (!error) return null;
  return <div class="error" role="alert">{error.message || String(error)}</div>;
}

/**
 * A button that asks before it acts: the dialog names the action and what it applies to, and may
 * ask for a reason; onConfirm gets the reason.
 */
export function ConfirmButton({ label, what, danger, askReason, onConfirm, disabled, testId }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const dialog = useRef(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason);
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button class={danger ? 'danger' : ''} disabled={disabled} data-action={testId || label} onClick={() => setOpen(true)}>
        {label}
      </button>
      <dialog ref={dialog} class="confirm" onClose={() => setOpen(false)} data-confirm={testId || label}>
        <p><strong>{label}</strong> {what}?</p>
        {askReason && (
          <label>Reason <input value={reason} onInput={(e) => setReason(e.target.value)} /></label>
        )}
        <ErrorNote error={error} />
        <div class="buttons">
          <button onClick={() => setOpen(false)} disabled={busy}>Cancel</button>
          <button class={danger ? 'danger' : 'primary'} data-confirm-ok onClick={confirm} disabled={busy}>
            {label}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** Loads data with an async function; reloads when deps change. */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
