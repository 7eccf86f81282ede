import type { StudioEvent } from '../../preload/contract.ts';

export type EventListener = (event: StudioEvent) => void;

/** Where services publish events and front doors (a window, a WebSocket) subscribe. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  /** Returns the function that unsubscribes. */
  on(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: StudioEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
