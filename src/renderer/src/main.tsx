import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The global styles first: each feature's own stylesheet, imported beside it, comes after them.
import './styles.css';
import { AppShell } from './app/app-shell';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
createRoot(container).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
