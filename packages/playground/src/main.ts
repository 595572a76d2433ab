import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/app.svelte';
import './app.css';

const app = new AppState(location.search, navigator.language);

/** The mounted playground. */
export default mount(App, { target: document.getElementById('app')!, props: { app } });

// Once the page has rendered, start the check worker so that the first drop is answered fast.
if ('requestIdleCallback' in window) requestIdleCallback(() => app.warm(), { timeout: 2000 });
else setTimeout(() => app.warm(), 500);
