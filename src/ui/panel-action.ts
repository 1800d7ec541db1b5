// One action of a panel with a list (delete, export, import): busy while it runs, then the sentence
// it returned or the error it threw, and the list read again either way.
import { asError } from './errors';

/** What a panel shows about its last action. */
export interface ActionPanel {
  busy: boolean;
  problem: Error | null;
  message: string | null;
}

export async function runPanelAction(panel: ActionPanel, work: () => Promise<string | null>, reread: () => Promise<void>): Promise<void> {
  panel.busy = true;
  panel.problem = null;
  panel.message = null;
  try {
    panel.message = await work();
  } catch (error) {
    panel.problem = asError(error);
  } finally {
    panel.busy = false;
  }
  await reread();
}
