// Definitions: every workflow definition with its versions; one version's diagram, its JSON and
// YAML, and an editor that saves it (validation errors marked at the fields they name).
import { useMemo, useState } from 'preact/hooks';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { ApiError, get, post } from '../api.js';
import { href } from '../router.js';
import { buildGraph } from '../graph/build-graph.js';
import { Diagram } from '../graph/diagram.jsx';
import { DefinitionEditor } from '../editor/definition-editor.jsx';
import { rangeOf } from '../editor/error-paths.js';
import { ErrorNote, time, useLoad } from '../ui.jsx';

export function Definitions({ name, version }) {
  const all = useLoad(() => get('/metadata/workflow'), []);
  const byName = useMemo(() => {
    const m = new Map();
    for (const d of all.data || []) {
      if (!m.has(d.name)) m.set(d.name, []);
      m.get(d.name).push(d);
    }
    for (const list of m.values()) list.sort((a, b) => a.version - b.version);
    return m;
  }, [all.data]);
  if (name) {
    const versions = byName.get(name) || [];
    const def = versions.find((d) => String(d.version) === String(version)) || versions[versions.length - 1];
    return (
      <section class="page definition">
        <ErrorNote error={all.error} />
        {def ? <Definition def={def} versions={versions} onSaved={all.reload} key={`${def.name}/${def.version}`} />
             : !all.loading && <p>No definition {name}.</p>}
      </section>
    );
  }
  return (
    <section class="page definitions">
      <h1>Definitions</h1>
      <ErrorNote error={all.error} />
      <table class="grid">
        <thead><tr><th>Name</th><th>Versions</th><th>Tasks</th><th>Description</th><th>Updated</th></tr></thead>
        <tbody>
          {[...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([n, list]) => {
            const latest = list[list.length - 1];
            return (
              <tr key={n} data-name={n}>
                <td><a href={href('definitions', n, latest.version)}>{n}</a></td>
                <td>{list.map((d) => <a class="version" href={href('definitions', n, d.version)}>v{d.version} </a>)}</td>
                <td>{(latest.tasks || []).length}</td>
                <td>{latest.description}</td>
                <td>{time(latest.updateTime || latest.createTime)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const VIEWS = ['Diagram', 'JSON', 'YAML'];

function lineOf(text, path, format) {
  const r = rangeOf(text, path, format);
  return r ? text.slice(0, r.from).split('\n').length : null;
}

function Definition({ def, versions, onSaved }) {
  const [view, setView] = useState('Diagram');
  const [text, setText] = useState(null);
  const [errors, setErrors] = useState([]);
  const [note, setNote] = useState(null);
  const format = view === 'YAML' ? 'yaml' : 'json';
  const clean = useMemo(() => stripDefaults(def), [def]);
  const shown = text !== null ? text : (format === 'yaml' ? toYaml(clean) : JSON.stringify(clean, null, 2));
  const graph = useMemo(() => buildGraph(def), [def]);

  function switchView(v) {
    if (text !== null && v !== view && v !== 'Diagram') {
      try { // carry the edit over between JSON and YAML
        const obj = format === 'yaml' ? parseYaml(text) : JSON.parse(text);
        setText(v === 'YAML' ? toYaml(obj) : JSON.stringify(obj, null, 2));
      } catch { /* leave it as it was */ }
    }
    setView(v);
    setErrors([]);
  }

  async function save(validateOnly) {
    setNote(null);
    let body;
    try {
      body = format === 'yaml' ? parseYaml(shown) : JSON.parse(shown);
    } catch (e) {
      setErrors([{ path: '$', message: `not ${format.toUpperCase()}: ${e.message}` }]);
      return;
    }
    try {
      if (validateOnly) await post('/metadata/workflow/validate', body);
      else await post('/metadata/workflow', body, { overwrite: true });
      setErrors([]);
      setNote(validateOnly ? 'Valid.' : `Saved ${body.name} v${body.version || 1}.`);
      if (!validateOnly) {
        setText(null);
        onSaved();
      }
    } catch (e) {
      if (e instanceof ApiError && e.validationErrors.length) setErrors(e.validationErrors);
      else setErrors([{ path: '$', message: e.message }]);
    }
  }

  return (
    <>
      <h1>{def.name} <small>v{def.version}</small></h1>
      <p class="muted">{def.description}</p>
      <nav class="versions">Versions: {versions.map((d) => (
        <a class={d.version === def.version ? 'on' : ''} href={href('definitions', def.name, d.version)}>v{d.version}</a>))}
        {' · '}<a href={'#/executions?name=' + encodeURIComponent(def.name)}>executions</a>
      </nav>
      <nav class="tabs">{VIEWS.map((v) => <button class={v === view ? 'on' : ''} data-tab={v} onClick={() => switchView(v)}>{v}</button>)}</nav>
      {view === 'Diagram' && <Diagram graph={graph} height="560px" />}
      {view !== 'Diagram' && (
        <div class="edit">
          <DefinitionEditor text={shown} format={format} errors={errors} onChange={setText} />
          <div class="buttons">
            <button data-action="validate" onClick={() => save(true)}>Validate</button>
            <button class="primary" data-action="save" onClick={() => save(false)}>Save</button>
            {text !== null && <button data-action="discard" onClick={() => { setText(null); setErrors([]); }}>Discard changes</button>}
            {note && <span class="note" data-save-note>{note}</span>}
          </div>
          {errors.length > 0 && (
            <ul class="validation-errors" role="alert">
              {errors.map((e) => (
                <li data-path={e.path}><code>{e.path}</code>{lineOf(shown, e.path, format) ? ` (line ${lineOf(shown, e.path, format)})` : ''}: {e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

/** The definition as an author writes it: without empty fields the server fills in. */
export function stripDefaults(value) {
  if (Array.isArray(value)) return value.map(stripDefaults);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      if (Array.isArray(v) && v.length === 0 && k !== 'tasks') continue;
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
      if (k === 'taskDefinition') continue;
      out[k] = stripDefaults(v);
    }
    return out;
  }
  return value;
}
