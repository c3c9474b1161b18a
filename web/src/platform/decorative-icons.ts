// antd's icons name themselves in English (role="img", aria-label="phone"), which screen readers
// read before the Chinese text beside them. They are decorative: hide them from the
// accessibility tree (an icon a page named itself, in Chinese, keeps its name). An icon-only button or link then needs a name of its own (aria-label),
// which the browser tests' axe check demands.
const selector = '.anticon[role=img]:not([aria-hidden])';
// The names antd gives its icons: the icon's file name (`phone`, `safety-certificate`).
const antdName = /^[a-z0-9-]*$/;

function hideIcon(icon: Element) {
  if (antdName.test(icon.getAttribute('aria-label') ?? '')) icon.setAttribute('aria-hidden', 'true');
}

function hide(root: ParentNode) {
  for (const icon of root.querySelectorAll(selector)) hideIcon(icon);
}

/** Hides every antd icon now in the page and every one added later; returns the stop. */
export function hideDecorativeIcons(root: HTMLElement = document.body): () => void {
  hide(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) hideIcon(node);
        hide(node);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
