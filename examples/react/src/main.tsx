import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'natter'; // registers <natter-comments> before React first renders it
import type {} from 'natter/react'; // <natter-comments> in JSX, with its properties and events
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
