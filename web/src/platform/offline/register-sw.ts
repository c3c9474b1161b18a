/// <reference types="vite-plugin-pwa/client" />
// The service worker (vite-plugin-pwa / Workbox) that precaches the app shell so /m opens
// without signal. Registered from /m only: console users gain nothing from it.
import { registerSW } from 'virtual:pwa-register';
import { request } from '../api-client.ts';

let registered = false;

/** Registers the service worker once (production builds only; the dev server has none). */
export function registerServiceWorker(): void {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  void registerSW({ immediate: true });
}


/**
 * Reads once, through the service worker, what /m's screens need without signal (the
 * category tree, the worker's grid), so its runtime cache holds them before the signal goes.
 * Resolves true when done, false when there is no service worker to keep them.
 */
export async function warmOfflineReads(urls: string[]): Promise<boolean> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return false;
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  }
  // The app's own client, so the request (and its Accept-Language) is the one the screens make.
  await Promise.all(urls.map((url) => request('GET', url, { quiet: true }).catch(() => undefined)));
  return true;
}
