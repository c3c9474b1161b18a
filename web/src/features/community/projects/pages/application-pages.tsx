// An application's file on the console, as project staff, its organisation, or an expert see it.
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { projectsApi } from '../api.ts';
import { ApplicationView } from '../components/application-view.tsx';
import { ReviewForm, useOrganisationActions } from '../components/party-actions.tsx';
import { useStaffActions } from '../components/staff-actions.tsx';

function Back({ to }: { to: string }) {
  const t = useT();
  return (
    <Link to={to}>
      <Button icon={<ArrowLeftOutlined />} type="link" style={{ paddingLeft: 0 }}>{t('community.projects.back')}</Button>
    </Link>
  );
}

/** /console/community/projects/applications/:id */
export function StaffApplicationPage() {
  const id = useParams().id ?? '';
  const query = useApiQuery(['community', 'projects', 'staff', id], (signal) => projectsApi.application(id, signal));
  const { slots, modals } = useStaffActions();
  return (
    <Flex vertical gap={8}>
      <Back to="/console/community/projects" />
      <ApplicationView query={query} slots={slots} />
      {modals(query.data)}
    </Flex>
  );
}

/** /console/community/my-projects/:id */
export function OrganisationApplicationPage() {
  const id = useParams().id ?? '';
  const query = useApiQuery(['community', 'projects', 'mine', id], (signal) => projectsApi.myApplication(id, signal));
  const { slots, modals } = useOrganisationActions();
  return (
    <Flex vertical gap={8}>
      <Back to="/console/community/my-projects" />
      <ApplicationView query={query} slots={slots} />
      {modals(query.data)}
    </Flex>
  );
}

/** /console/community/reviews/:id */
export function ExpertApplicationPage() {
  const id = useParams().id ?? '';
  const query = useApiQuery(['community', 'projects', 'review', id], (signal) => projectsApi.reviewApplication(id, signal));
  return (
    <Flex vertical gap={8}>
      <Back to="/console/community/reviews" />
      <ApplicationView query={query} slots={{ top: (a) => <ReviewForm application={a} /> }} />
    </Flex>
  );
}
