import { render } from 'preact';
import { App, preload } from './app.jsx';
import './styles.css';

render(<App />, document.getElementById('app'));

// the other pages' chunks, once the page has loaded, when the browser has nothing else to do
addEventListener('load', () => preload());
