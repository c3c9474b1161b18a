// The elderly mode (长辈版) of /portal and /m: larger text and controls, one column, the most
// used services first. Switched from the header and remembered in this browser.
import { Button, ConfigProvider } from 'antd';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useT } from './i18n/index.tsx';
import { elderTokens } from './theme.ts';

const storageKey = 'gongzhi.elderMode';

interface ElderModeValue {
  isElder: boolean;
  setElder: (on: boolean) => void;
}

const ElderModeContext = createContext<ElderModeValue>({ isElder: false, setElder: () => undefined });

function stored(): boolean {
  try {
    return localStorage.getItem(storageKey) === 'on';
  } catch {
    return false; // storage refused (private mode): the standard version
  }
}

/** Holds the choice for the whole app (the console ignores it). */
export function ElderModeProvider({ children }: { children: ReactNode }) {
  const [isElder, setIsElder] = useState(stored);
  const setElder = useCallback((on: boolean) => {
    try {
      localStorage.setItem(storageKey, on ? 'on' : 'off');
    } catch {
      // not remembered, still switched
    }
    setIsElder(on);
  }, []);
  const value = useMemo(() => ({ isElder, setElder }), [isElder, setElder]);
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>;
}

export function useElderMode(): ElderModeValue {
  return useContext(ElderModeContext);
}

/** Wraps a /portal or /m page: in the elderly mode, antd's larger sizes and the `gz-elder` class for the layout's own CSS. */
export function ElderScope({ children }: { children: ReactNode }) {
  const { isElder } = useElderMode();
  if (!isElder) return children;
  return (
    <ConfigProvider theme={{ token: elderTokens }}>
      <div className="gz-elder">{children}</div>
    </ConfigProvider>
  );
}

/** The header's switch between the standard and the elderly version; says what it switches to. */
export function ElderSwitch() {
  const t = useT();
  const { isElder, setElder } = useElderMode();
  return (
    <Button
      type="text"
      className="gz-elder-switch"
      aria-pressed={isElder}
      onClick={() => setElder(!isElder)}
      data-testid="elder-switch"
      data-elder={isElder ? 'on' : 'off'}
    >
      {isElder ? t('elder.off') : t('elder.on')}
    </Button>
  );
}
