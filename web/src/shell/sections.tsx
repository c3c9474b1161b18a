import { Suspense, type ReactNode } from 'react';
import { features } from '../features/index.ts';
import type { HomeSection } from '../platform/feature.ts';

/** The sections features add to a home page, in their order (in the elderly mode, their elderly order); each loads as its own chunk. */
export function homeSections(sections: readonly HomeSection[], isElder = false): ReactNode {
  const place = (section: HomeSection) => (isElder ? (section.elderOrder ?? section.order) : section.order);
  return [...sections]
    .sort((a, b) => place(a) - place(b))
    .map(({ component: Section }, index) => (
      <Suspense key={index} fallback={null}>
        <Section />
      </Suspense>
    ));
}

const headerWidgets = features.flatMap((feature) => feature.header ?? []);

/** The widgets features put in the console's and /m's header (the notification bell). */
export function HeaderWidgets() {
  return headerWidgets.map((Widget, index) => (
    <Suspense key={index} fallback={null}>
      <Widget />
    </Suspense>
  ));
}
