// Named failures of backend choice and set-up.
import { LabError, registerLabError } from '../errors';

/** A backend was forced (URL, setting, CLI) but this machine or browser cannot run it. */
export class BackendUnavailableError extends LabError {}
registerLabError(BackendUnavailableError);

/** A backend name that the lab does not know, e.g. `?backend=nonsense`. */
export class UnknownBackendError extends LabError {}
registerLabError(UnknownBackendError);

/** tfjs refused to initialise a backend that the probe reported as available. */
export class BackendSetupError extends LabError {}
registerLabError(BackendSetupError);

/** The GPU device went away (driver reset, GPU removed, device.destroy()): the job on it stopped and the engine moved to another backend. */
export class GpuDeviceLostError extends LabError {}
registerLabError(GpuDeviceLostError);
