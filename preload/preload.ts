// The Electron preload: runs sandboxed beside the page and exposes `window.chorus` (call,
// onEvent, onCommand) and nothing else. Bundled into one CommonJS file by
// main/electron/vite.preload.config.ts, because a sandboxed preload can require only
// 'electron' and a few built-ins.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('chorus', createBridge(ipcRenderer));
