// Page-wide notices that ask the person to reload: a new version of the lab is ready (the service
// worker waits for this), another tab upgraded the stored data (this tab's storage is closed), or
// this tab's upgrade of the stored data is blocked by an older tab.
// main.ts adds them; the app shell shows them with a button.

export type PageNotice =
  | { kind: 'update-ready'; /** Lets the new version take over, then reloads. */ apply(): void }
  | { kind: 'storage-upgraded' }
  | { kind: 'storage-blocked'; message: string };

export class PageNotices extends EventTarget {
  #notices: PageNotice[] = [];

  get list(): readonly PageNotice[] {
    return this.#notices;
  }

  /** Adds a notice (one of each kind: a later one replaces the earlier) and tells the listeners. */
  add(notice: PageNotice): void {
    this.#notices = [...this.#notices.filter((shown) => shown.kind !== notice.kind), notice];
    this.dispatchEvent(new Event('change'));
  }
}
