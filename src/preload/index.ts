import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../shared/ipc/create-bridge';
import { eventChannel } from '../shared/ipc/names';

// The only thing the renderer gets: `window.keysmith`, allowlisted against the contract.
contextBridge.exposeInMainWorld(
  'keysmith',
  createBridge({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe: (event, listener) => {
      const channel = eventChannel(event);
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => void ipcRenderer.removeListener(channel, wrapped);
    },
  }),
);
