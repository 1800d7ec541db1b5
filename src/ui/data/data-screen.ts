// The Data stage: the stored datasets, generating the built-in one or importing files (two tabs),
// and the chosen dataset's grade distribution and examples.
import { css, html, LitElement, nothing } from 'lit';
import type { DatasetSummary, ImportSummary } from '../../engine/data-types';
import { asError } from '../errors';
import { formatCount } from '../format';
import { JobRunner } from '../job/job-runner';
import '../job/job-controls';
import { SELECTED_DATASET_KEY } from '../lab/dataset-choice';
import type { Lab } from '../lab/lab';
import { StateController, type LabState, type StageStatus } from '../lab/lab-state';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import '../stage-header';
import { dataStage, generatorConfigFrom } from '../stages/data';
import { blockElement, controls } from '../theme';
import './browse-table';
import './dataset-list';
import './grade-chart';
import './import-panel';

type Tab = 'generate' | 'import';

function exampleCount(summary: DatasetSummary): number {
  return Object.values(summary.info.splits).reduce((sum, stats) => sum + (stats?.count ?? 0), 0);
}

export class DataScreen extends LitElement {
  static override properties = {
    lab: { attribute: false },
    state: { attribute: false },
    datasets: { state: true },
    listError: { state: true },
    tab: { state: true },
  };

  declare lab: Lab | null;
  declare state: LabState | null;
  declare datasets: DatasetSummary[] | null;
  declare listError: Error | null;
  declare tab: Tab;
  readonly #follow = new StateController(this);
  readonly generator = new JobRunner<DatasetSummary>(this, () => this.lab?.handle ?? null);

  static override styles = [
    blockElement,
    css`
      section { margin-bottom: 1.25rem; }
      .section-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
      h3 { margin: 0; font-size: 1.1rem; }
      [role='tablist'] { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--line); margin: -0.25rem -1.25rem 1rem; padding: 0 1.25rem; }
      [role='tab'] { border: none; border-bottom: 3px solid transparent; border-radius: 0; background: none; padding: 0.6rem 0.9rem; font-weight: 600; color: var(--ink-muted); }
      [role='tab'][aria-selected='true'] { color: var(--accent); border-bottom-color: var(--accent); }
      .explore-grid { display: flex; flex-direction: column; gap: 1.25rem; }
      h4 { margin: 0 0 0.5rem; font-size: 0.95rem; }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.state = null;
    this.datasets = null;
    this.listError = null;
    this.tab = 'generate';
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    if (changed.has('lab') && this.lab) void this.#refresh();
    else this.#listChosenDataset();
  }

  #listedFor: string | null = null;

  /** A dataset chosen elsewhere (Run all generates one) is read into the list once it is not in it. */
  #listChosenDataset(): void {
    const id = this.state?.dataset?.info.id;
    if (!id || !this.datasets || this.datasets.some((entry) => entry.info.id === id) || this.#listedFor === id) return;
    this.#listedFor = id;
    void this.#refresh(id);
  }

  protected override updated(): void {
    this.state?.showStatus('data', this.#status());
  }

  #status(): StageStatus {
    const runner = this.generator;
    if (runner.state === 'running' || runner.state === 'cancelling') {
      const progress = runner.progress;
      return { state: 'running', summary: progress ? `${progress.stage === 'store' ? 'Storing' : 'Generating'}…` : 'Starting…' };
    }
    if (runner.state === 'paused') return { state: 'paused', summary: 'Paused' };
    const dataset = this.state?.dataset;
    if (dataset) return { state: 'done', summary: `${formatCount(exampleCount(dataset))} examples, ${dataset.info.source.kind}` };
    if (runner.state === 'failed') return { state: 'failed', summary: runner.error?.name ?? 'Failed' };
    return { state: 'not-run', summary: '' };
  }

  async #refresh(preferred?: string): Promise<void> {
    const lab = this.lab;
    if (!lab) return;
    try {
      const datasets = await lab.handle.engine.listDatasets();
      this.datasets = datasets;
      this.listError = null;
      const wanted = preferred ?? this.state?.dataset?.info.id ?? localStorage.getItem(SELECTED_DATASET_KEY);
      this.#select(datasets.find((entry) => entry.info.id === wanted) ?? datasets[0] ?? null);
    } catch (error) {
      this.listError = asError(error);
    }
  }

  #select(summary: DatasetSummary | null): void {
    if (summary) localStorage.setItem(SELECTED_DATASET_KEY, summary.info.id);
    else localStorage.removeItem(SELECTED_DATASET_KEY);
    this.state?.update({ dataset: summary });
  }

  async #generate(): Promise<void> {
    const lab = this.lab;
    const state = this.state;
    if (!lab || !state) return;
    const config = generatorConfigFrom(state.values);
    const result = await this.generator.run((onProgress) => lab.handle.engine.generateDataset(config, onProgress));
    if (result) await this.#refresh(result.info.id);
  }

  async #delete(id: string): Promise<void> {
    if (!this.lab) return;
    try {
      await this.lab.handle.engine.deleteDataset(id);
    } catch (error) {
      this.listError = asError(error);
    }
    if (this.state?.dataset?.info.id === id) this.state.update({ dataset: null });
    await this.#refresh();
  }

  #tabKeys(event: KeyboardEvent): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    this.tab = this.tab === 'generate' ? 'import' : 'generate';
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${this.tab}`) as HTMLElement | null)?.focus());
    event.preventDefault();
  }

  #tabButton(tab: Tab, label: string) {
    const selected = this.tab === tab;
    return html`<button role="tab" id="tab-${tab}" data-testid="tab-${tab}" aria-selected=${selected ? 'true' : 'false'} aria-controls="panel-${tab}"
      tabindex=${selected ? 0 : -1} @click=${() => (this.tab = tab)} @keydown=${this.#tabKeys}>${label}</button>`;
  }

  #generatePanel() {
    const state = this.state!;
    const ready = state.engineReady;
    return html`<lab-settings-form .specs=${dataStage.settings} .values=${state.values} ?disabled=${this.generator.active}
        @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>
      <lab-job-controls .runner=${this.generator} .runLabel=${'Generate dataset'} ?disabled=${!ready}
        .disabledReason=${ready ? '' : 'Waiting for the engine…'} @run=${() => void this.#generate()}></lab-job-controls>`;
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const selected = state.dataset;
    return html`<lab-stage-header .stage=${dataStage} .position=${1}></lab-stage-header>
      <section class="card" aria-labelledby="datasets-title">
        <div class="section-head"><h3 id="datasets-title">Stored datasets</h3><span class="muted">Kept in this browser (IndexedDB); nothing leaves the machine.</span></div>
        ${this.listError ? html`<p class="error" role="alert">${this.listError.name}: ${this.listError.message}</p>` : nothing}
        <lab-dataset-list .datasets=${this.datasets} .selected=${selected?.info.id ?? null}
          @dataset-select=${(e: CustomEvent<string>) => this.#select(this.datasets?.find((entry) => entry.info.id === e.detail) ?? null)}
          @dataset-delete=${(e: CustomEvent<string>) => void this.#delete(e.detail)}></lab-dataset-list>
      </section>
      <section class="card" aria-label="Add a dataset">
        <div role="tablist" aria-label="Add a dataset">${this.#tabButton('generate', 'Generate')}${this.#tabButton('import', 'Import files')}</div>
        <div role="tabpanel" id="panel-generate" aria-labelledby="tab-generate" ?hidden=${this.tab !== 'generate'}>${this.#generatePanel()}</div>
        <div role="tabpanel" id="panel-import" aria-labelledby="tab-import" ?hidden=${this.tab !== 'import'}>
          <lab-import-panel .handle=${this.lab?.handle ?? null} ?ready=${state.engineReady} @dataset-imported=${(e: CustomEvent<ImportSummary>) => void this.#refresh(e.detail.dataset.info.id)}></lab-import-panel>
        </div>
      </section>
      ${selected
        ? html`<section class="card" aria-labelledby="explore-title" data-testid="explore">
            <div class="section-head"><h3 id="explore-title">Explore: ${selected.info.name}</h3><span class="muted">${formatCount(exampleCount(selected))} examples</span></div>
            <div class="explore-grid">
              <div><h4>Grade distribution per split</h4><lab-grade-chart .info=${selected.info}></lab-grade-chart></div>
              <div><h4>Examples</h4><lab-browse-table .handle=${this.lab?.handle ?? null} .datasetId=${selected.info.id} .labelNames=${selected.info.labelNames}></lab-browse-table></div>
            </div>
          </section>`
        : nothing}`;
  }
}

customElements.define('lab-data-screen', DataScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-data-screen': DataScreen;
  }
}
