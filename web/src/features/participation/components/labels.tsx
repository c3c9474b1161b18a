// Status tags of needs, micro-wishes and proposals, and the satisfaction line against the 95 % bar.
import { Tag } from 'antd';
import type { NeedStatus, ProposalStatus, WishStatus } from '#server/modules/participation/contract.ts';
import { useT } from '../../../platform/i18n/index.tsx';

const needColours: Record<NeedStatus, string> = { open: 'orange', sorted: 'blue', merged: 'default', proposed: 'purple', wished: 'magenta', closed: 'green' };
const wishColours: Record<WishStatus, string> = { open: 'orange', claimed: 'blue', fulfilled: 'green', thanked: 'cyan', withdrawn: 'default' };
const proposalColours: Record<ProposalStatus, string> = {
  submitted: 'orange', sorted: 'gold', merged: 'default', in_review: 'blue', accepted: 'green', partly_accepted: 'lime', not_accepted: 'red', implementing: 'geekblue', completed: 'cyan', closed: 'default',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const t = useT();
  return <Tag color={needColours[status]}>{t(`participation.needStatus.${status}`)}</Tag>;
}

export function WishStatusTag({ status }: { status: WishStatus }) {
  const t = useT();
  return <Tag color={wishColours[status]} data-testid="wish-status">{t(`participation.wishStatus.${status}`)}</Tag>;
}

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const t = useT();
  return <Tag color={proposalColours[status]} data-testid="proposal-status">{t(`participation.proposalStatus.${status}`)}</Tag>;
}

/** "2 of 3 satisfied (66.7 %), the bar is 95 %" with a tag saying whether it is met. */
export function Satisfaction({ evaluation }: { evaluation: { count: number; satisfied: number; share: number | null; meetsBar: boolean | null } }) {
  const t = useT();
  if (evaluation.count === 0) return <span>{t('participation.proposal.noEvaluation')}</span>;
  const share = `${((evaluation.share ?? 0) * 100).toFixed(1)}%`;
  return (
    <span data-testid="satisfaction">
      {t('participation.proposal.satisfaction', { satisfied: evaluation.satisfied, count: evaluation.count, share })}{' '}
      <Tag color={evaluation.meetsBar ? 'green' : 'red'}>{evaluation.meetsBar ? t('participation.proposal.meetsBar') : t('participation.proposal.belowBar')}</Tag>
    </span>
  );
}
