// The case list's filter bar: every filter lives in the URL's search params.
import { Button, Checkbox, Select } from 'antd';
import { caseSorts, caseSources, caseStates, caseTiers, matterClasses, type CaseSort } from '#server/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { DateRangeFilter, EnumFilter, FilterBar, ListSearch, pick, type ListParams } from '../../../platform/components/list-filters.tsx';
import { UnderFilter } from '../../org/index.ts';
import { CategoryCascader } from './category-select.tsx';

export function CaseListFilters({ list }: { list: ListParams }) {
  const { t } = useI18n();
  const { params, update } = list;
  const states = (params.get('state') ?? '').split(',').filter(Boolean);
  const category = params.get('cat')?.split(',').filter(Boolean);
  return (
    <FilterBar data-testid="case-filters">
      <ListSearch list={list} placeholder={t('case.list.searchPlaceholder')} style={{ width: 260 }} data-testid="case-search" />
      <Select<string[]>
        mode="multiple"
        value={states}
        onChange={(value) => update({ state: value.join(',') || undefined })}
        placeholder={t('case.list.statePlaceholder')}
        aria-label={t('case.list.statePlaceholder')}
        maxTagCount="responsive"
        allowClear
        style={{ width: 220 }}
        options={caseStates.map((s) => ({ value: s, label: t(`case.state.${s}`) }))}
        data-testid="case-filter-state"
      />
      <CategoryCascader value={category} onChange={(value) => update({ cat: value?.join(',') })} style={{ width: 200 }} />
      <EnumFilter list={list} param="matter" values={matterClasses} placeholder={t('case.field.matterClass')} label={(m) => t(`case.matter.${m}`)} width={130} />
      <EnumFilter list={list} param="source" values={caseSources} placeholder={t('case.field.source')} label={(s) => t(`case.source.${s}`)} width={140} />
      <EnumFilter list={list} param="tier" values={caseTiers} placeholder={t('case.field.tier')} label={(tier) => t(`case.tierShort.${tier}`)} width={130} />
      <UnderFilter list={list} placeholder={t('case.common.allScope')} width={220} testId="case-filter-under" />
      <DateRangeFilter list={list} fromParam="from" toParam="to" label={t('case.field.dateRange')} width={150} />
      <Checkbox checked={params.get('overdue') === '1'} onChange={(event) => update({ overdue: event.target.checked ? '1' : undefined })} style={{ alignSelf: 'center' }}>
        {t('case.field.overdueOnly')}
      </Checkbox>
      <Checkbox checked={params.get('supervised') === '1'} onChange={(event) => update({ supervised: event.target.checked ? '1' : undefined })} style={{ alignSelf: 'center' }}>
        {t('case.field.supervisedOnly')}
      </Checkbox>
      <Select<CaseSort>
        value={pick(params.get('sort'), caseSorts) ?? 'created_desc'}
        onChange={(value) => update({ sort: value === 'created_desc' ? undefined : value })}
        style={{ width: 140 }}
        aria-label={t('filter.sort')}
        options={caseSorts.map((s) => ({ value: s, label: t(`case.list.sort.${s}`) }))}
      />
      <Button onClick={() => list.replace(new URLSearchParams())}>{t('common.reset')}</Button>
    </FilterBar>
  );
}
