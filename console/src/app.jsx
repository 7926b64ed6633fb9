// The console's frame: navigation, the page of the current route, and the sign-in when needed.
// The list pages come with the frame; the pages with a diagram, a timeline or an editor
// (Cytoscape, dagre, ECharts, CodeMirror) are chunks of their own (the timeline one too), loaded when first opened and
// fetched ahead while the browser is idle (preload), so the first page is parsed sooner.
import { useEffect, useState } from 'preact/hooks';
import { forgetToken, setUnauthorizedHandler, token } from './api.js';
import { Login } from './auth.jsx';
import { useRoute } from './router.js';
import { Executions } from './pages/executions.jsx';
import { Queues } from './pages/queues.jsx';

const NAV = [['executions', 'Executions'], ['definitions', 'Definitions'], ['queues', 'Task queues'], ['bridge', 'Events & bridge']];

const CHUNKS = {
  execution: () => import('./pages/execution.jsx'),
  definitions: () => import('./pages/definitions.jsx'),
  bridge: () => import('./pages/bridge.jsx'),
};
const loaded = {};

function load(chunk) {
  return CHUNKS[chunk]().then((m) => { loaded[chunk] = m; return m; });
}

/**
 * Loads the pages of the other chunks, the execution page first, and draws a large diagram out of
 * sight once (the first real one is then drawn by compiled code), each step when the browser is idle.
 */
export function preload() {
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 300));
  const next = () => new Promise((resolve) => idle(resolve, { timeout: 3000 }));
  return next()
    .then(() => loaded.execution || load('execution'))
    .then(next)
    .then(() => loaded.execution.warmUp())
    .then(next)
    .then(() => loaded.definitions || load('definitions'))
    .then(() => loaded.bridge || load('bridge'))
    .then(() => loaded.execution.preloadTimeline())
    .catch((e) => console.warn('preload:', e))
    .then(() => { document.body.dataset.preloaded = 'true'; });
}

/** A page of another chunk: drawn at once when its chunk is loaded, after loading it otherwise. */
function Lazy({ chunk, page, ...props }) {
  const [mod, setMod] = useState(loaded[chunk]);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!mod) load(chunk).then(setMod, setError);
  }, []);
  if (error) return <section class="page"><div class="error" role="alert">{String(error.message || error)}</div></section>;
  if (!mod) return <section class="page"><p class="muted">Loading…</p></section>;
  const Page = mod[page];
  return <Page {...props} />;
}

function page(route) {
  const [first, ...rest] = route.parts;
  switch (first) {
    case 'execution': return <Lazy chunk="execution" page="Execution" id={rest[0]} query={route.query} key={'execution/' + rest[0]} />;
    case 'definitions': return <Lazy chunk="definitions" page="Definitions" name={rest[0]} version={rest[1]} key="definitions" />;
    case 'queues': return <Queues />;
    case 'bridge': return <Lazy chunk="bridge" page="Bridge" key="bridge" />;
    default: return <Executions query={route.query} key={JSON.stringify(route.query)} />;
  }
}

export function App() {
  const route = useRoute();
  const [needLogin, setNeedLogin] = useState(false);
  const [session, setSession] = useState(0);
  useEffect(() => setUnauthorizedHandler(() => setNeedLogin(true)), []);
  const current = route.parts[0] === 'execution' ? 'executions' : (route.parts[0] || 'executions');
  return (
    <div class="app">
      <header class="top">
        <a class="brand" href="#/executions">Baton</a>
        <nav>
          {NAV.map(([id, label]) => <a class={current === id ? 'on' : ''} href={'#/' + id} data-nav={id}>{label}</a>)}
        </nav>
        <span class="spacer" />
        <a href="/openapi/baton.yml" class="muted">API</a>
        {token() && <button class="link" onClick={() => { forgetToken(); setNeedLogin(true); }}>Sign out</button>}
      </header>
      <main key={session}>
        {needLogin ? <Login onLoggedIn={() => { setNeedLogin(false); setSession((s) => s + 1); }} /> : page(route)}
      </main>
    </div>
  );
}
