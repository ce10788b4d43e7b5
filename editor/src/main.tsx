// First: ask the API who is signed in, so the answer travels while the rest of the code loads.
import './api/probe.js';
// Then: the application's custom actions register themselves before anything reads the registry.
import '@cairn/app-actions';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { initClient } from './api/client.js';
import { App } from './App.js';

void initClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
