export { runOperation, findOperation, type RunOptions } from './run.ts';
export { chainSucceeded, type RunLog, type RunEvent, type RunMessage, type StepLog, type RunStatus } from './run-log.ts';
