import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Descriptions, type CardProps, type DescriptionsProps } from 'antd';
import { useState, type ComponentType, type ReactNode } from 'react';
import { useParams } from 'react-router';
import type { ApiError } from '../../../platform/api-client.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { RegistryBreadcrumb, type Crumb } from './breadcrumb.tsx';
import { RevealButton, RevealNotice } from './reveal.tsx';

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

/** A record's facts, two or three to a row as the screen allows. */
export function RecordFacts(props: Omit<DescriptionsProps, 'size'>) {
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} {...props} />;
}

/**
 * The page of the record a route parameter names. Its view is keyed by the id, so another
 * record opens afresh: masked again, nothing left open.
 */
export function RecordRoute({ param, view: View }: { param: string; view: ComponentType<{ id: string }> }) {
  const id = useParams()[param] ?? '';
  return <View key={id} id={id} />;
}

type LoadMasked<T> = (id: string, reveal: string | null, signal: AbortSignal) => Promise<T>;

/**
 * A record with personal identifiers: read masked, or in clear once the user gives a reason
 * (the server audits it). The button asks for the reason and masks again.
 */
export function useMaskedRecord<T>(kind: string, id: string, load: LoadMasked<T>): { query: UseQueryResult<T, ApiError>; reveal: string | null; revealButton: ReactNode } {
  const [reveal, setReveal] = useState<string | null>(null);
  const query = useApiQuery(['registry', kind, id, reveal], (signal) => load(id, reveal, signal));
  return { query, reveal, revealButton: <RevealButton reason={reveal} onReveal={setReveal} onHide={() => setReveal(null)} /> };
}
