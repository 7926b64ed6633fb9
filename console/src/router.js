// Hash routes (#/executions, #/execution/<id>, ...): the console is one page served at /.
import { useEffect, useState } from 'preact/hooks';

export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/executions';
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query: Object.fromEntries(new URLSearchParams(qs || '')) };
}

export function useRoute() {
  const [route, setRoute] = useState(parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function href(...parts) {
  return '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
}
