// Entry of the lab's page: starts the engine worker, builds the console handle and the page's lab
// (lab/lab.ts: the page state and the sessions) and gives the lab to the app shell.
// The page never imports tfjs (test/unit/ui-imports.test.ts checks it).
import './app-shell';
import { startEngineWorker } from '../engine-client';
import { createLab } from '../lab/lab';
import { createEngineHandle } from '../lab-handle';
import { registerOfflineWorker } from './offline-updates';
import { PageNotices } from './page-notices';
import { openLabStore, StorageUpgradeBlockedError } from '../../storage';

// The page around the app: no margin, the app's canvas colour behind it.
document.body.style.margin = '0';
document.body.style.background = '#f4f6f9';

const handle = createEngineHandle(() => startEngineWorker());
const notices = new PageNotices();
window.lab = handle;
const shell = document.querySelector('relevance-lab')!;
shell.lab = createLab(handle);
shell.notices = notices;
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  registerOfflineWorker(`${import.meta.env.BASE_URL}sw.js`, (apply) => notices.add({ kind: 'update-ready', apply })).catch((error: unknown) =>
    console.warn('The offline cache could not be set up:', error),
  );
}
// Further console handles join here, one line each. They are set once ready: poll `window.lab.storage`.
handle.storage = await openLabStore(undefined, { onSchemaChange: () => notices.add({ kind: 'storage-upgraded' }) }).catch((error: unknown) => {
  if (error instanceof StorageUpgradeBlockedError) notices.add({ kind: 'storage-blocked', message: error.message });
  throw error;
});
