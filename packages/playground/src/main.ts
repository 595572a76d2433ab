import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/app.svelte';
import './app.css';

const app = new AppState(location.search, navigator.language);

/** The mounted playground. */
export default mount(App, { target: document.getElementById('app')!, props: { app } });
