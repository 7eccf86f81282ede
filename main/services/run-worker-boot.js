// Entry of the run worker thread. On Node 20 a worker's `execArgv: ['--import', 'tsx']`
// does not apply to its entry module, so the worker registers tsx itself, then loads the
// TypeScript worker (as bin/chorus.js does for the CLI).
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
await import('./run-worker.ts');
