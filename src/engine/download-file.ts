// A file the engine wrote for the page to offer as a download. Types only.

export interface DownloadFile {
  fileName: string;
  bytes: Uint8Array;
}
