import type { UseQueryResult } from '@tanstack/react-query';
import { Card, type CardProps } from 'antd';
import type { ApiError } from '../../../platform/api-client.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { RegistryBreadcrumb, type Crumb } from './breadcrumb.tsx';
import { RevealNotice } from './reveal.tsx';

type RecordCardProps<T> = Omit<CardProps, 'loading'> & {
  crumbs: Crumb[];
  root?: Crumb;
  query: UseQueryResult<T, ApiError>;
  /** For records with identifiers: the reason they are shown in clear, or null while masked. */
  revealedFor?: string | null;
  'data-testid'?: string;
  'data-revealed'?: string;
};

/** A registry record's page head: the breadcrumb, a load error, the reveal notice, and the record's card. */
export function RecordCard<T>({ crumbs, root, query, revealedFor, children, ...card }: RecordCardProps<T>) {
  return (
    <>
      <RegistryBreadcrumb crumbs={crumbs} root={root} />
      {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ marginBottom: 16 }} />}
      {revealedFor !== undefined && <RevealNotice reason={revealedFor} />}
      <Card {...card} loading={query.isFetching && !query.data}>
        {children}
      </Card>
    </>
  );
}
