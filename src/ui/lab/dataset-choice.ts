// The dataset the training stages use is the one the Data stage chose. A page opened on a later
// stage has not shown the Data screen yet, so the choice is read here the same way it does.
import type { LabHandle } from '../lab-handle';
import type { LabState } from './lab-state';

/** Where the page remembers the dataset the Data stage chose. */
export const SELECTED_DATASET_KEY = 'relevance-lab.dataset';

/** Sets the page's dataset to the chosen (else the first) stored one, when there is none yet; one read at a time. */
export function datasetChooser(handle: LabHandle, state: LabState): () => void {
  let asking: Promise<void> | null = null;
  return () => {
    if (state.dataset || asking) return;
    asking = handle.engine
      .listDatasets()
      .then((datasets) => {
        if (state.dataset) return;
        const wanted = localStorage.getItem(SELECTED_DATASET_KEY);
        const chosen = datasets.find((entry) => entry.info.id === wanted) ?? datasets[0] ?? null;
        if (chosen) state.update({ dataset: chosen });
      })
      .catch(() => undefined) // the Data screen shows storage problems
      .finally(() => (asking = null));
  };
}
