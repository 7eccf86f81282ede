import type { AppCommand } from '../commands/app-commands.ts';
import { isRunActive } from '../store/run-state.ts';
import { connectedTestsStore } from './tests-store.ts';

/** The test explorer's commands; they act once the workbench has connected the test store. */
export const testAppCommands: AppCommand[] = [
  {
    id: 'showTests',
    label: 'Show Tests',
    shortcut: 'Mod+Shift+Y',
    global: true,
    enabled: (store) => store.getState().project !== undefined,
    run: (store) => store.getState().setBottomTab('tests'),
  },
  {
    id: 'runAllTests',
    label: 'Run All Tests',
    enabled: (store) => store.getState().project !== undefined && connectedTestsStore(store)?.getState().running.length === 0,
    run: async (store) => {
      store.getState().setBottomTab('tests');
      await connectedTestsStore(store)?.getState().run();
    },
  },
  {
    id: 'createTestFromRun',
    label: 'Create Test from This Run',
    enabled: (store) => {
      const { run } = store.getState();
      return run?.runId !== undefined && run.summary !== undefined && !isRunActive(run) && connectedTestsStore(store) !== undefined;
    },
    run: (store) => connectedTestsStore(store)?.getState().createFromRun(),
  },
];
