// The app's antd theme. Every text colour meets WCAG 2.1 AA (4.5:1) on white and on the page
// background #f2f4f7, where antd's defaults do not (secondary text #8c8c8c 3.4:1, placeholders
// 1.8:1, errors 3.3:1, green tags 3.4:1); sizes follow the browser's font setting.
import type { ConfigProviderProps, ThemeConfig } from 'antd';

// The browser's text size (its font setting) scales antd's sizes: 14 px at the usual 16 px.
const rootFontSize = typeof window === 'undefined' ? 16 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** A size in px as given for a 16 px browser text size, scaled to the one set. */
export function scaled(px: number): number {
  return Math.round((px * rootFontSize) / 16);
}

export const palette = {
  colorPrimary: '#1a4f9c',
  colorInfo: '#1a4f9c',
  colorLink: '#1a4f9c',
  colorTextSecondary: '#4a4a4a',
  colorTextTertiary: '#595959',
  colorTextDescription: '#595959',
  colorTextPlaceholder: '#6b6b6b',
  colorError: '#cf1322',
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  // A field's border is what shows where it is: 3:1 (WCAG 1.4.11).
  colorBorder: '#8c8c8c',
  // Status surfaces stay light (antd derives them from the seed, which is darker here).
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fff7e6',
  colorWarningBorder: '#ffd591',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  // The focus shadow of fields, beside their primary-coloured border (7.9:1).
  controlOutline: 'rgba(26, 79, 156, 0.35)',
  lineWidthFocus: 2,
  fontSize: scaled(14),
  borderRadius: 4,
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
} satisfies ThemeConfig['token'];

/** The elderly mode (长辈版) of /portal and /m: text of 18 px and more (headings follow), controls of 44–56 px. */
export const elderTokens = {
  fontSize: scaled(18),
  controlHeight: scaled(48),
  controlHeightSM: scaled(44),
  controlHeightLG: scaled(56),
} satisfies ThemeConfig['token'];

/** Every form: a failed submit scrolls to the first wrong field and puts the focus in it. */
export const formConfig: ConfigProviderProps['form'] = { scrollToFirstError: { focus: true, block: 'center' } };
