// One long job at a time: a second one gets a BusyError that names the one still running.
import { BusyError } from './errors';
import { JobControl } from './job-control';

export type JobSlotState = 'idle' | 'running' | 'paused' | 'cancelling';

export interface JobStatus {
  state: JobSlotState;
  job: string | null;
}

export interface JobSlotOptions {
  /** Gives a failed job's error a clearer name when the cause is known (e.g. a lost GPU device). */
  explainFailure?(error: unknown): Promise<unknown>;
}

export class JobSlot {
  #current: JobControl | null = null;
  #idle: Promise<void> = Promise.resolve();
  #becameIdle: () => void = () => undefined;

  constructor(private readonly options: JobSlotOptions = {}) {}

  status(): JobStatus {
    const control = this.#current;
    if (!control) return { state: 'idle', job: null };
    const state = control.state === 'cancelled' ? 'cancelling' : control.state;
    return { state, job: control.jobName };
  }

  /** Runs `work` as the only job; its control is what pause/resume/cancel act on. */
  async run<T>(jobName: string, work: (control: JobControl) => Promise<T>): Promise<T> {
    if (this.#current) {
      throw new BusyError(
        `Cannot start "${jobName}": "${this.#current.jobName}" is still running. Wait for it to finish or cancel it first.`,
        { requested: jobName, running: this.#current.jobName },
      );
    }
    const control = new JobControl(jobName);
    this.#current = control;
    this.#idle = new Promise((resolve) => (this.#becameIdle = resolve));
    try {
      const working = work(control);
      working.catch(() => undefined); // after an abort the work may still fail; the abort error is what counts
      return await Promise.race([working, control.aborted]);
    } catch (error) {
      throw (await this.options.explainFailure?.(error)) ?? error;
    } finally {
      this.#current = null;
      this.#becameIdle();
    }
  }

  /** Resolves once no job runs. */
  idle(): Promise<void> {
    return this.#idle;
  }

  /** Stops the running job with `error` (see JobControl.abort). */
  abort(error: Error): void {
    this.#current?.abort(error);
  }

  pause(): JobStatus {
    this.#current?.pause();
    return this.status();
  }

  resume(): JobStatus {
    this.#current?.resume();
    return this.status();
  }

  cancel(): JobStatus {
    this.#current?.cancel();
    return this.status();
  }
}
