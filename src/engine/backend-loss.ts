// Watches the active backend's GPU device (backend/device-loss.ts). When it is lost, `onLost` aborts
// the running job with GpuDeviceLostError and moves the engine to another backend. A job that failed
// with a raw GPU error just before the loss was reported is given the named error too.
import type { DeviceLoss } from '../core/backend/device-loss';
import { GpuDeviceLostError } from '../core/backend/errors';
import { LabError } from '../core/errors';

/**
 * How long a job's raw failure waits for the device's `lost` to settle before it is reported as it is.
 * A read-back fails at once when the device goes, but `lost` comes from the GPU process, which may be
 * busy compiling shaders: in Chromium on SwiftShader it took over half a second.
 */
const LOSS_SETTLE_MS = 3000;

function deviceLostError(loss: DeviceLoss): GpuDeviceLostError {
  return new GpuDeviceLostError(
    `The GPU device was lost (${loss.message || loss.reason}), so the job on it stopped. The lab moves to another backend on its own; stored checkpoints are kept, so resume from the last one.`,
    { reason: loss.reason, message: loss.message || loss.reason },
  );
}

export class BackendLossWatch {
  #loss: GpuDeviceLostError | null = null;
  #stopped = false;
  readonly #settled: Promise<unknown>;

  constructor(lost: Promise<DeviceLoss>, onLost: (error: GpuDeviceLostError) => void) {
    this.#settled = lost.then((loss) => {
      if (this.#stopped) return;
      this.#loss = deviceLostError(loss);
      onLost(this.#loss);
    });
    this.#settled.catch(() => undefined);
  }

  /** The backend was replaced: a later loss of this device concerns nobody. */
  stop(): void {
    this.#stopped = true;
  }

  /** A job's failure, renamed GpuDeviceLostError when the device was (or is about to be reported) lost. */
  async explain(error: unknown): Promise<unknown> {
    if (this.#stopped || error instanceof GpuDeviceLostError) return error;
    if (!this.#loss && !(error instanceof LabError)) {
      await Promise.race([this.#settled, new Promise((resolve) => setTimeout(resolve, LOSS_SETTLE_MS))]);
    }
    if (!this.#loss) return error;
    return new GpuDeviceLostError(this.#loss.message, this.#loss.details, { cause: error });
  }
}
