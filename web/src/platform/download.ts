// Downloads started from a screen: a link clicked on the user's behalf.

function clickLink(href: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

/** Downloads what a URL of the API serves (the session cookie goes with it); the server names the file. */
export function downloadFile(href: string): void {
  clickLink(href, '');
}

/** Saves a file fetched by the app under the given name. */
export function downloadBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  clickLink(href, name);
  // Revoked later: some browsers read the object URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
