import { App as AntApp, ConfigProvider, theme, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, AuthRedirectBridge, FullPageSpin, homePath, RequireAuth, useAuth } from './auth.tsx';
import { ConsoleHome, ConsoleLayout } from './components/console-layout.tsx';
import { RequirePermission } from './components/require-permission.tsx';
import type { Permission } from './domain.ts';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

// antd's locale files are ES modules typed as CommonJS: take the default export either way.
function antLocale(module: AntLocale | { default: AntLocale }): AntLocale {
  return 'default' in module ? module.default : module;
}
const antLocales = { 'zh-CN': antLocale(zhCNModule), 'en-US': antLocale(enUSModule) };

// Every page is its own chunk, so a visitor downloads only the antd parts that page uses;
// the map page alone carries MapLibre (~1 MB) and is fetched only when the map is opened.
const LoginPage = lazy(() => import('./pages/login-page.tsx').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./pages/change-password-page.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const PortalPage = lazy(() => import('./pages/portal-page.tsx').then((m) => ({ default: m.PortalPage })));
const MobilePage = lazy(() => import('./pages/mobile-page.tsx').then((m) => ({ default: m.MobilePage })));
const OrgTreePage = lazy(() => import('./pages/org-tree-page.tsx').then((m) => ({ default: m.OrgTreePage })));
const GridMapPage = lazy(() => import('./pages/grid-map-page.tsx').then((m) => ({ default: m.GridMapPage })));
const GridRosterPage = lazy(() => import('./pages/grid-roster-page.tsx').then((m) => ({ default: m.GridRosterPage })));
const UsersPage = lazy(() => import('./pages/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const ApiKeysPage = lazy(() => import('./pages/api-keys-page.tsx').then((m) => ({ default: m.ApiKeysPage })));
const AuditPage = lazy(() => import('./pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));

const palette = {
  colorPrimary: '#1a4f9c',
  colorInfo: '#1a4f9c',
  colorLink: '#1a4f9c',
  borderRadius: 4,
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
};

function Guarded({ permission, children }: { permission: Permission; children: ReactNode }) {
  return <RequirePermission permission={permission}>{children}</RequirePermission>;
}

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
        <Route path="/login" element={<LoginPage />} />
        <Route path="/change-password" element={<RequireAuth allowPendingChange><ChangePasswordPage /></RequireAuth>} />
        <Route path="/portal" element={<PortalPage />} />
        <Route path="/m" element={<RequireAuth><MobilePage /></RequireAuth>} />
        <Route path="/console" element={<RequireAuth><ConsoleLayout /></RequireAuth>}>
          <Route index element={<ConsoleHome />} />
          <Route path="org" element={<Guarded permission="org.read"><OrgTreePage /></Guarded>} />
          <Route path="map" element={<Guarded permission="org.read"><GridMapPage /></Guarded>} />
          <Route path="roster" element={<Guarded permission="org.read"><GridRosterPage /></Guarded>} />
          <Route path="users" element={<Guarded permission="user.read"><UsersPage /></Guarded>} />
          <Route path="apikeys" element={<Guarded permission="apikey.manage"><ApiKeysPage /></Guarded>} />
          <Route path="audit" element={<Guarded permission="audit.read"><AuditPage /></Guarded>} />
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
  return (
    <ConfigProvider locale={antLocales[locale]} theme={{ token: palette, algorithm: theme.defaultAlgorithm }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
