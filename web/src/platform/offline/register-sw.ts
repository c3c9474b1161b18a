/// <reference types="vite-plugin-pwa/client" />
// The service worker (vite-plugin-pwa / Workbox) that precaches the app shell so /m opens
// without signal. Registered from /m only: console users gain nothing from it.
import { registerSW } from 'virtual:pwa-register';

let registered = false;

/** Registers the service worker once (production builds only; the dev server has none). */
export function registerServiceWorker(): void {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  void registerSW({ immediate: true });
}

