import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { features } from './features/index.ts';
import { fixAccessibleNames } from './platform/accessible-names.ts';
import { ElderModeProvider, ElderScope } from './platform/elder-mode.tsx';
import { AuthProvider, AuthRedirectBridge, FullPageSpin, homePath, RequireAuth, useAuth } from './platform/auth.tsx';
import type { Feature, FeatureRoute, FeatureRoutes, RootRoute } from './platform/feature.ts';
import { I18nProvider, useI18n } from './platform/i18n/index.tsx';
import { lazyNamed } from './platform/lazy.ts';
import { queryClient } from './platform/query.ts';
import { RequirePermission } from './platform/require-permission.tsx';
import { formConfig, palette } from './platform/theme.ts';
import { ConsoleHome, ConsoleLayout } from './shell/console-layout.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

// antd's locale files are ES modules typed as CommonJS: take the default export either way.
function antLocale(module: AntLocale | { default: AntLocale }): AntLocale {
  return 'default' in module ? module.default : module;
}
const antLocales = { 'zh-CN': antLocale(zhCNModule), 'en-US': antLocale(enUSModule) };

// Every page is its own chunk (features declare theirs with lazyNamed), so a visitor downloads
// only the antd parts that page uses.
const PortalPage = lazyNamed(() => import('./shell/portal-home-page.tsx'), 'PortalPage');
const MobilePage = lazyNamed(() => import('./shell/mobile-home-page.tsx'), 'MobilePage');

// Routes and their permissions come from the features, listed once in features/index.ts.
const routeFeatures: readonly Pick<Feature<string>, 'routes'>[] = features;
const surfaceRoutes = (surface: Exclude<keyof FeatureRoutes, 'root'>) => routeFeatures.flatMap((feature) => feature.routes[surface] ?? []);
const rootRoutes = routeFeatures.flatMap((feature) => feature.routes.root ?? []);

function Guarded({ route }: { route: FeatureRoute }) {
  const Page = route.page;
  if (!route.permission) return <Page />;
  return (
    <RequirePermission permission={route.permission}>
      <Page />
    </RequirePermission>
  );
}

function rootElement(route: RootRoute) {
  switch (route.access) {
    case 'public':
      return <Guarded route={route} />;
    case 'signed-in':
      return <RequireAuth><Guarded route={route} /></RequireAuth>;
    case 'password-change':
      return <RequireAuth allowPendingChange><Guarded route={route} /></RequireAuth>;
  }
}

// /portal and /m follow the elderly mode when it is on; the console keeps its sizes.
const elder = (page: ReactNode) => <ElderScope>{page}</ElderScope>;

function HomeRedirect() {
  const { me } = useAuth();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) return <Navigate to="/console" replace />;
  return <Navigate to={homePath(me)} replace />;
}

function AppRoutes() {
  return (
    <>
      <AuthRedirectBridge />
      <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/" element={<HomeRedirect />} />
        {rootRoutes.map((route) => (
          <Route key={route.path} path={route.path} element={rootElement(route)} />
        ))}
        <Route path="/portal" element={elder(<PortalPage />)} />
        {surfaceRoutes('portal').map((route) => (
          <Route key={route.path} path={`/portal/${route.path}`} element={elder(<Guarded route={route} />)} />
        ))}
        <Route path="/m" element={elder(<RequireAuth><MobilePage /></RequireAuth>)} />
        {surfaceRoutes('mobile').map((route) => (
          <Route key={route.path} path={`/m/${route.path}`} element={elder(<RequireAuth><Guarded route={route} /></RequireAuth>)} />
        ))}
        <Route path="/console" element={<RequireAuth><ConsoleLayout /></RequireAuth>}>
          <Route index element={<ConsoleHome />} />
          {surfaceRoutes('console').map((route) => (
            <Route key={route.path} path={route.path} element={<Guarded route={route} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      </Suspense>
    </>
  );
}

function Themed() {
  const { locale } = useI18n();
  useEffect(() => fixAccessibleNames(), []);
  return (
    <ConfigProvider locale={antLocales[locale]} theme={{ token: palette, algorithm: theme.defaultAlgorithm }} form={formConfig}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <ElderModeProvider>
              <AppRoutes />
            </ElderModeProvider>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
