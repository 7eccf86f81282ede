// Entry of the test worker thread: registers tsx, then loads the TypeScript worker (see run-worker-boot.js).
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
await import('./test-worker.ts');
