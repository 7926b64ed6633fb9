// Asked for when the API answers 401 (authentication on): an API key (id and secret), exchanged at
// /api/token; only the token is kept, in this tab's session.
import { useState } from 'preact/hooks';
import { login } from './api.js';
import { ErrorNote } from './ui.jsx';

export function Login({ onLoggedIn }) {
  const [keyId, setKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState(null);
  async function submit(e) {
    e.preventDefault();
    setError(null);
    try {
      await login(keyId, secret);
      setSecret('');
      onLoggedIn();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section class="page login">
      <h1>Sign in</h1>
      <p>Authentication is on: enter an API key. It is exchanged for a token, which this tab keeps until it closes.</p>
      <form onSubmit={submit}>
        <label>Key id <input name="keyId" autocomplete="username" value={keyId} onInput={(e) => setKeyId(e.target.value)} /></label>
        <label>Key secret <input name="keySecret" type="password" autocomplete="current-password" value={secret}
                                 onInput={(e) => setSecret(e.target.value)} /></label>
        <button type="submit" class="primary">Sign in</button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}
