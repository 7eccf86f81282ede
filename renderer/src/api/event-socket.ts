import type { StudioEvent } from '../../../preload/contract.ts';
import type { ConnectionState } from './client.ts';

const MIN_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

/** The host's event stream, reconnecting with backoff when the socket drops (the host restarts, the laptop sleeps). */
export class EventSocket {
  readonly #url: string;
  readonly #create: (url: string) => WebSocket;
  readonly #events = new Set<(event: StudioEvent) => void>();
  readonly #states = new Set<(state: ConnectionState) => void>();
  #socket?: WebSocket;
  #delay = MIN_DELAY_MS;
  #timer?: ReturnType<typeof setTimeout>;
  #closed = false;

  constructor(url: string, create: (url: string) => WebSocket = (u) => new WebSocket(u)) {
    this.#url = url;
    this.#create = create;
    this.#connect();
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.#states.add(listener);
    return () => this.#states.delete(listener);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  #connect(): void {
    this.#emitState('connecting');
    const socket = this.#create(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#delay = MIN_DELAY_MS;
      this.#emitState('open');
    };
    socket.onmessage = (message) => {
      let event: StudioEvent;
      try {
        event = JSON.parse(String(message.data)) as StudioEvent;
      } catch {
        return; // the host only sends JSON; anything else is not ours to act on
      }
      for (const listener of this.#events) listener(event);
    };
    socket.onclose = () => {
      if (this.#closed) return;
      this.#emitState('closed');
      this.#timer = setTimeout(() => this.#connect(), this.#delay);
      this.#delay = Math.min(this.#delay * 2, MAX_DELAY_MS);
    };
  }

  #emitState(state: ConnectionState): void {
    for (const listener of this.#states) listener(state);
  }
}
