import { App as AntApp, ConfigProvider, theme, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, AuthRedirectBridge, FullPageSpin, homePath, RequireAuth, useAuth } from './platform/auth.tsx';
import { ConsoleHome, ConsoleLayout } from './shell/console-layout.tsx';
import { RequirePermission } from './platform/require-permission.tsx';
import type { Permission } from './platform/domain.ts';
import { I18nProvider, useI18n } from './platform/i18n/index.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

// antd's locale files are ES modules typed as CommonJS: take the default export either way.
function antLocale(module: AntLocale | { default: AntLocale }): AntLocale {
  return 'default' in module ? module.default : module;
}
const antLocales = { 'zh-CN': antLocale(zhCNModule), 'en-US': antLocale(enUSModule) };

// Every page is its own chunk, so a visitor downloads only the antd parts that page uses;
// the map page alone carries MapLibre (~1 MB) and is fetched only when the map is opened.
const LoginPage = lazy(() => import('./features/accounts/pages/login-page.tsx').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./features/accounts/pages/change-password-page.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const PortalPage = lazy(() => import('./shell/portal-home-page.tsx').then((m) => ({ default: m.PortalPage })));
const MobilePage = lazy(() => import('./shell/mobile-home-page.tsx').then((m) => ({ default: m.MobilePage })));
const OrgTreePage = lazy(() => import('./features/org/pages/org-tree-page.tsx').then((m) => ({ default: m.OrgTreePage })));
const GridMapPage = lazy(() => import('./features/org/pages/grid-map-page.tsx').then((m) => ({ default: m.GridMapPage })));
const GridRosterPage = lazy(() => import('./features/org/pages/grid-roster-page.tsx').then((m) => ({ default: m.GridRosterPage })));
const UsersPage = lazy(() => import('./features/accounts/pages/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const ApiKeysPage = lazy(() => import('./features/accounts/pages/api-keys-page.tsx').then((m) => ({ default: m.ApiKeysPage })));
const AuditPage = lazy(() => import('./features/audit/pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const RegistryHousingPage = lazy(() => import('./features/registry/pages/housing-page.tsx').then((m) => ({ default: m.RegistryHousingPage })));
const RegistryBuildingPage = lazy(() => import('./features/registry/pages/building-page.tsx').then((m) => ({ default: m.RegistryBuildingPage })));
const RegistryHousePage = lazy(() => import('./features/registry/pages/house-page.tsx').then((m) => ({ default: m.RegistryHousePage })));
const RegistryHouseholdPage = lazy(() => import('./features/registry/pages/household-page.tsx').then((m) => ({ default: m.RegistryHouseholdPage })));
const RegistryResidentsPage = lazy(() => import('./features/registry/pages/residents-page.tsx').then((m) => ({ default: m.RegistryResidentsPage })));
const RegistryResidentPage = lazy(() => import('./features/registry/pages/resident-page.tsx').then((m) => ({ default: m.RegistryResidentPage })));
const RegistryKeyGroupsPage = lazy(() => import('./features/registry/pages/key-groups-page.tsx').then((m) => ({ default: m.RegistryKeyGroupsPage })));
const RegistryImportPage = lazy(() => import('./features/registry/pages/import-page.tsx').then((m) => ({ default: m.RegistryImportPage })));
const RegistryMobilePage = lazy(() => import('./features/registry/pages/mobile-page.tsx').then((m) => ({ default: m.RegistryMobilePage })));
const CaseTodoPage = lazy(() => import('./features/cases/pages/todo-page.tsx').then((m) => ({ default: m.CaseTodoPage })));
const CaseListPage = lazy(() => import('./features/cases/pages/list-page.tsx').then((m) => ({ default: m.CaseListPage })));
const CaseDetailPage = lazy(() => import('./features/cases/pages/detail-page.tsx').then((m) => ({ default: m.CaseDetailPage })));
const CaseHotlinePage = lazy(() => import('./features/cases/pages/hotline-page.tsx').then((m) => ({ default: m.CaseHotlinePage })));
const CaseSupervisionPage = lazy(() => import('./features/cases/pages/supervision-page.tsx').then((m) => ({ default: m.CaseSupervisionPage })));
const CaseIndicatorsPage = lazy(() => import('./features/cases/pages/indicators-page.tsx').then((m) => ({ default: m.CaseIndicatorsPage })));
const CaseSettingsPage = lazy(() => import('./features/cases/pages/settings-page.tsx').then((m) => ({ default: m.CaseSettingsPage })));
const CaseMobileReportPage = lazy(() => import('./features/cases/pages/mobile-report-page.tsx').then((m) => ({ default: m.CaseMobileReportPage })));
const CaseMobileCasePage = lazy(() => import('./features/cases/pages/mobile-case-page.tsx').then((m) => ({ default: m.CaseMobileCasePage })));
const CasePortalReportPage = lazy(() => import('./features/cases/pages/portal-report-page.tsx').then((m) => ({ default: m.CasePortalReportPage })));
const CasePortalTrackPage = lazy(() => import('./features/cases/pages/portal-track-page.tsx').then((m) => ({ default: m.CasePortalTrackPage })));
const CasePortalMinePage = lazy(() => import('./features/cases/pages/portal-mine-page.tsx').then((m) => ({ default: m.CasePortalMinePage })));

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
        <Route path="/m/registry" element={<RequireAuth><Guarded permission="registry.read"><RegistryMobilePage /></Guarded></RequireAuth>} />
        <Route path="/m/report" element={<RequireAuth><Guarded permission="case.report"><CaseMobileReportPage /></Guarded></RequireAuth>} />
        <Route path="/m/cases/:id" element={<RequireAuth><Guarded permission="case.read"><CaseMobileCasePage /></Guarded></RequireAuth>} />
        <Route path="/portal/report" element={<CasePortalReportPage />} />
        <Route path="/portal/track" element={<CasePortalTrackPage />} />
        <Route path="/portal/mine" element={<CasePortalMinePage />} />
        <Route path="/console" element={<RequireAuth><ConsoleLayout /></RequireAuth>}>
          <Route index element={<ConsoleHome />} />
          <Route path="org" element={<Guarded permission="org.read"><OrgTreePage /></Guarded>} />
          <Route path="map" element={<Guarded permission="org.read"><GridMapPage /></Guarded>} />
          <Route path="roster" element={<Guarded permission="org.read"><GridRosterPage /></Guarded>} />
          <Route path="users" element={<Guarded permission="user.read"><UsersPage /></Guarded>} />
          <Route path="apikeys" element={<Guarded permission="apikey.manage"><ApiKeysPage /></Guarded>} />
          <Route path="audit" element={<Guarded permission="audit.read"><AuditPage /></Guarded>} />
          <Route path="registry/housing" element={<Guarded permission="registry.read"><RegistryHousingPage /></Guarded>} />
          <Route path="registry/housing/buildings/:buildingId" element={<Guarded permission="registry.read"><RegistryBuildingPage /></Guarded>} />
          <Route path="registry/housing/houses/:houseId" element={<Guarded permission="registry.read"><RegistryHousePage /></Guarded>} />
          <Route path="registry/housing/households/:householdId" element={<Guarded permission="registry.read"><RegistryHouseholdPage /></Guarded>} />
          <Route path="registry/residents" element={<Guarded permission="registry.read"><RegistryResidentsPage /></Guarded>} />
          <Route path="registry/residents/:residentId" element={<Guarded permission="registry.read"><RegistryResidentPage /></Guarded>} />
          <Route path="registry/key-groups" element={<Guarded permission="registry.read"><RegistryKeyGroupsPage /></Guarded>} />
          <Route path="registry/import" element={<Guarded permission="registry.import"><RegistryImportPage /></Guarded>} />
          <Route path="todo" element={<Guarded permission="case.handle"><CaseTodoPage /></Guarded>} />
          <Route path="cases" element={<Guarded permission="case.read"><CaseListPage /></Guarded>} />
          <Route path="cases/:id" element={<Guarded permission="case.read"><CaseDetailPage /></Guarded>} />
          <Route path="hotline" element={<Guarded permission="case.report"><CaseHotlinePage /></Guarded>} />
          <Route path="supervision" element={<Guarded permission="case.supervise"><CaseSupervisionPage /></Guarded>} />
          <Route path="indicators" element={<Guarded permission="case.indicators"><CaseIndicatorsPage /></Guarded>} />
          <Route path="case-settings" element={<Guarded permission="case.configure"><CaseSettingsPage /></Guarded>} />
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
