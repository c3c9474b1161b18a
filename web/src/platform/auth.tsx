import { Flex, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { sessionApi, type Me } from './session-api.ts';
import { setAuthRedirects } from './api-client.ts';
import type { Permission } from '#server/platform/auth/roles.ts';
import { queryClient } from './query.ts';
import { startOutbox } from './offline/outbox.ts';

interface AuthValue {
  /** The signed-in user; null when signed out; undefined while the first check runs. */
  me: Me | null | undefined;
  /** True after the user signed out on purpose: no "come back to this page" on the next sign-in. */
  signedOut: boolean;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);
  // Cached server data belongs to one user: another user (or none) starts from an empty cache.
  const userId = useRef<string | null>(null);
  const setMe = useCallback((next: Me | null) => {
    const nextId = next?.id ?? null;
    if (userId.current !== nextId) {
      if (userId.current !== null) queryClient.clear();
      userId.current = nextId;
      // The phone's queued writes are sent only under their author's session.
      startOutbox(nextId);
    }
    setMeState(next);
    if (next) setSignedOut(false);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const next = await sessionApi.me({ quiet: true });
      setMe(next);
      return next;
    } catch {
      setMe(null);
      return null;
    }
  }, [setMe]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    try {
      await sessionApi.logout();
    } finally {
      setSignedOut(true);
      userId.current = null;
      queryClient.clear();
      startOutbox(null);
      setMeState(null);
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ me, signedOut, setMe, refresh, logout, can: (permission) => me?.permissions.includes(permission) ?? false }),
    [me, signedOut, setMe, refresh, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Where a user starts: grid workers on /m, residents on /portal, everyone else on /console. */
export function homePath(me: Me): string {
  const roles = new Set(me.grants.map((g) => g.role));
  const isStaff = [...roles].some((r) => r !== 'grid_worker' && r !== 'resident');
  if (isStaff) return '/console';
  if (roles.has('grid_worker')) return '/m';
  if (roles.has('resident')) return '/portal';
  return '/console';
}

/** Connects the API client's 401 / password-change answers to the router. */
export function AuthRedirectBridge() {
  const navigate = useNavigate();
  const { setMe } = useAuth();
  useEffect(() => {
    setAuthRedirects({
      onSignedOut: (code) => {
        setMe(null);
        const { pathname, search } = window.location;
        if (pathname === '/login') return;
        const params = new URLSearchParams({ next: pathname + search });
        if (code === 'SESSION_EXPIRED') params.set('expired', '1');
        void navigate(`/login?${params.toString()}`, { replace: true });
      },
      onPasswordChangeRequired: () => {
        if (window.location.pathname !== '/change-password') void navigate('/change-password', { replace: true });
      },
    });
    return () => setAuthRedirects(null);
  }, [navigate, setMe]);
  return null;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders its children only for a signed-in user who has set their own password. */
export function RequireAuth({ children, allowPendingChange = false }: { children: ReactNode; allowPendingChange?: boolean }) {
  const { me, signedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    if (signedOut) return <Navigate to="/login" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.mustChangePassword && !allowPendingChange) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}
