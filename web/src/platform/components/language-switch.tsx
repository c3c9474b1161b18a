import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useI18n, type Locale } from '../i18n/index.tsx';

const locales: Locale[] = ['zh-CN', 'en-US'];

/** The zh-CN / en-US switch shown in every header. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select<Locale>
      aria-label={t('lang.label')}
      value={locale}
      onChange={setLocale}
      variant={dark ? 'borderless' : 'outlined'}
      size="small"
      prefix={<GlobalOutlined style={dark ? { color: 'rgba(255,255,255,0.85)' } : undefined} />}
      className={dark ? 'gz-lang-dark' : undefined}
      style={{ minWidth: 118 }}
      popupMatchSelectWidth={false}
      options={locales.map((value) => ({ value, label: t(`lang.${value}`) }))}
      data-testid="language-switch"
    />
  );
}
