import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { electronClient } from './api/electron-client.ts';
import { clientFromPage } from './api/http-client.ts';
import { createStudioStore } from './store/studio-store.ts';
import { App } from './ui/App.tsx';
import { StudioContext } from './ui/studio-context.ts';

const root = document.getElementById('root')!;
try {
  const client = electronClient() ?? clientFromPage();
  const store = createStudioStore(client);
  createRoot(root).render(
    <StudioContext.Provider value={{ client, store }}>
      <App />
    </StudioContext.Provider>,
  );
} catch (err) {
  root.dataset.appState = 'error';
  root.textContent = (err as Error).message;
}
