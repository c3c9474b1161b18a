// Names for screen readers that antd leaves wrong or missing, given once for the whole app:
// - antd's icons name themselves in English (role="img", aria-label="phone"), read before the
//   Chinese text beside them: they are hidden from the accessibility tree (an icon a page
//   named itself keeps its name). A button or link that holds nothing but an icon is named in
//   the UI's language instead: after the title antd puts around it (pagination) or the icon.
// - a field with no label (a select showing only its placeholder) is named after its placeholder.
import { getLocale, isMessageKey, translate } from './i18n/locale.ts';

const iconSelector = '.anticon[role=img]:not([aria-hidden])';
// The names antd gives its icons: the icon's file name (`phone`, `safety-certificate`).
const antdIconName = /^[a-z0-9-]*$/;
const fieldSelector = 'input:not([type=hidden], [type=checkbox], [type=radio], [aria-label], [aria-labelledby])';

function hasName(control: Element): boolean {
  return Boolean(control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.textContent?.trim());
}

function nameIconControl(icon: Element, iconName: string) {
  // (an anchor without href is no control: antd's pagination names its item instead)
  const control = icon.closest('button, a[href], [role=button]');
  if (!control || hasName(control)) return;
  const titled = control.closest('[title]')?.getAttribute('title');
  const key = `icon.${iconName}`;
  const name = titled || (isMessageKey(key) ? translate(getLocale(), key) : '');
  if (name) control.setAttribute('aria-label', name);
}

function hideIcon(icon: Element) {
  const name = icon.getAttribute('aria-label') ?? '';
  if (!antdIconName.test(name)) return;
  icon.setAttribute('aria-hidden', 'true');
  nameIconControl(icon, name);
}

// What names a field without a label: its placeholder, or the placeholder antd draws beside a select's input.
function placeholderOf(input: HTMLInputElement): string {
  if (input.placeholder) return input.placeholder;
  const select = input.closest('.ant-select, .ant-cascader, .ant-picker');
  return select?.querySelector('.ant-select-placeholder, .ant-select-selection-placeholder')?.textContent?.trim() ?? '';
}

function nameField(input: HTMLInputElement) {
  if (input.labels?.length) return;
  const name = placeholderOf(input);
  if (name) input.setAttribute('aria-label', name);
}

function visit(root: ParentNode) {
  for (const icon of root.querySelectorAll(iconSelector)) hideIcon(icon);
  for (const input of root.querySelectorAll<HTMLInputElement>(fieldSelector)) nameField(input);
}

/** Keeps fixing the page's names as it changes; returns the stop. */
export function fixAccessibleNames(root: HTMLElement = document.body): () => void {
  visit(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(iconSelector)) hideIcon(node);
        else if (node instanceof HTMLInputElement && node.matches(fieldSelector)) nameField(node);
        visit(node);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
