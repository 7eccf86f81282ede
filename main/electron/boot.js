// Entry of the Electron main process (`npm start`). Like bin/chorus.js and the run worker,
// it registers tsx and then loads the TypeScript, so main, the services and the engine need
// no separate build. Electron waits for this module (top-level await included) before
// `ready`, so main.ts still runs its before-ready calls in time.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
await import('./main.ts');
