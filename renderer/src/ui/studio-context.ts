import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StudioClient } from '../api/client.ts';
import type { StudioState, StudioStore } from '../store/studio-store.ts';

export const StudioContext = createContext<{ client: StudioClient; store: StudioStore } | undefined>(undefined);

export function useStudioContext(): { client: StudioClient; store: StudioStore } {
  const value = useContext(StudioContext);
  if (!value) throw new Error('StudioContext is missing');
  return value;
}

/** A slice of the studio state; the component re-renders when it changes. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioContext().store, selector);
}
