import { useT } from '../i18n/index.tsx';

/** The first stop of the Tab key on every layout: skips the header and menu to the page's `<main>`. */
export function SkipLink() {
  const t = useT();
  return (
    <a
      href="#main"
      className="gz-skip-link"
      onClick={(event) => {
        event.preventDefault();
        const main = document.querySelector<HTMLElement>('main');
        if (!main) return;
        main.tabIndex = -1;
        main.focus();
      }}
    >
      {t('a11y.skipToMain')}
    </a>
  );
}
