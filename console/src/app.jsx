// The console's frame: navigation, the page of the current route, and the sign-in when needed.
import { useEffect, useState } from 'preact/hooks';
import { forgetToken, setUnauthorizedHandler, token } from './api.js';
import { Login } from './auth.jsx';
import { useRoute } from './router.js';
import { Bridge } from './pages/bridge.jsx';
import { Definitions } from './pages/definitions.jsx';
import { Execution } from './pages/execution.jsx';
import { Executions } from './pages/executions.jsx';
import { Queues } from './pages/queues.jsx';

const NAV = [['executions', 'Executions'], ['definitions', 'Definitions'], ['queues', 'Task queues'], ['bridge', 'Events & bridge']];

function page(route) {
  const [first, ...rest] = route.parts;
  switch (first) {
    case 'execution': return <Execution id={rest[0]} query={route.query} key={rest[0]} />;
    case 'definitions': return <Definitions name={rest[0]} version={rest[1]} />;
    case 'queues': return <Queues />;
    case 'bridge': return <Bridge />;
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
