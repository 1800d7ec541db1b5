// One long job at a time: a second one gets a BusyError that names the one still running.
import { BusyError } from './errors';
import { JobControl } from './job-control';

export type JobSlotState = 'idle' | 'running' | 'paused' | 'cancelling';

export interface JobStatus {
  state: JobSlotState;
  job: string | null;
}

export class JobSlot {
  #current: JobControl | null = null;

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
    try {
      return await work(control);
    } finally {
      this.#current = null;
    }
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
