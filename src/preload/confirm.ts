import { contextBridge, ipcRenderer } from 'electron';
import { CONFIRM_WINDOW_CHANNELS, type KeysmithConfirmBridge } from '../shared/confirm';

// The trusted confirmation window's only bridge: fetch its one question, send the answer. Main
// accepts these two channels from this window's page alone; the app's page never has them.
const bridge: KeysmithConfirmBridge = {
  request: () => ipcRenderer.invoke(CONFIRM_WINDOW_CHANNELS.request),
  answer: async (confirmed, typed) => {
    await ipcRenderer.invoke(CONFIRM_WINDOW_CHANNELS.answer, confirmed === true, String(typed));
  },
};
contextBridge.exposeInMainWorld('keysmithConfirm', bridge);
