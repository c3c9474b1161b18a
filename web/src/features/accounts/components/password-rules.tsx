import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../platform/i18n/index.tsx';
import { minCharacterClasses, type PasswordCheck } from '../password-policy.ts';

function Rule({ ok, children, testId }: { ok: boolean; children: ReactNode; testId: string }) {
  return (
    <Flex gap={6} align="center" data-testid={testId} data-ok={ok ? 'true' : 'false'}>
      {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleOutlined style={{ color: '#bfbfbf' }} />}
      <Typography.Text type={ok ? undefined : 'secondary'}>{children}</Typography.Text>
    </Flex>
  );
}

/** The password rules with a tick against each one the typed password meets. */
export function PasswordRules({ check }: { check: PasswordCheck }) {
  const t = useT();
  const classes: [boolean, string][] = [
    [check.hasUpper, t('password.rule.upper')],
    [check.hasLower, t('password.rule.lower')],
    [check.hasDigit, t('password.rule.digit')],
    [check.hasSymbol, t('password.rule.symbol')],
  ];
  return (
    <div className="gz-password-rules" data-testid="password-rules">
      <Typography.Text strong>{t('password.rulesTitle')}</Typography.Text>
      <Rule ok={check.isLongEnough} testId="rule-length">
        {t('password.rule.length')}
      </Rule>
      <Rule ok={check.classCount >= minCharacterClasses} testId="rule-classes">
        {t('password.rule.classes', { n: check.classCount })}
      </Rule>
      <Flex gap={12} wrap style={{ paddingInlineStart: 20 }}>
        {classes.map(([ok, label]) => (
          <Typography.Text key={label} type={ok ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
            {ok ? '✓' : '·'} {label}
          </Typography.Text>
        ))}
      </Flex>
      <Rule ok={check.isUncommon} testId="rule-uncommon">
        {t('password.rule.uncommon')}
      </Rule>
      <Rule ok={check.differsFromCurrent} testId="rule-differs">
        {t('password.rule.differs')}
      </Rule>
    </div>
  );
}
