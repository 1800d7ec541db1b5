// Registers the offline service worker (workers/service-worker.ts) and reports a new version that
// waits to take over. It never takes over by itself: `onUpdateReady` gets an `apply` that tells the
// waiting worker to activate and reloads this page once it controls it. Other open pages keep
// running on their own build (the worker keeps their caches) until they are reloaded.

export async function registerOfflineWorker(url: string, onUpdateReady: (apply: () => void) => void): Promise<void> {
  const container = navigator.serviceWorker;
  const registration = await container.register(url);
  // Lets the worker drop caches kept for pages that are gone now.
  container.controller?.postMessage({ type: 'page-ready' });

  const apply = () => {
    const waiting = registration.waiting;
    if (!waiting) {
      location.reload(); // another page already let it take over
      return;
    }
    container.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'skip-waiting' });
  };
  // Only an update waits: on the first install no page is controlled yet, and it takes this one.
  const tellIfWaiting = () => {
    if (registration.waiting && container.controller) onUpdateReady(apply);
  };
  const follow = (installing: ServiceWorker | null) => installing?.addEventListener('statechange', tellIfWaiting);
  tellIfWaiting();
  follow(registration.installing);
  registration.addEventListener('updatefound', () => follow(registration.installing));
}
