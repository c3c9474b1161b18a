// The form rule of a unified social credit code: the contract's own check (GB 32100), so the
// form refuses as the server would, naming the check character it expects.
import type { FormRule } from 'antd';
import { creditCodeProblem } from '#server/modules/community/contract.ts';
import { useT } from '../../../../platform/i18n/index.tsx';

export function useCreditCodeRule(): FormRule {
  const t = useT();
  return {
    validator: (_, v: string | undefined) => {
      const found = v ? creditCodeProblem(v.trim().toUpperCase()) : null;
      if (!found) return Promise.resolve();
      return Promise.reject(new Error(found.problem === 'check' ? t('community.org.creditCodeBad', { expected: found.expected ?? '' }) : t('community.org.creditCodeLength')));
    },
  };
}
