import { EditOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { casesApi, type CalendarDay, type CalendarYear } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';

interface YearForm {
  holidays: Dayjs[];
  workdays: Dayjs[];
  source: string;
  provisional: boolean;
}

const HOLIDAY = '#cf1322';
const WORKDAY = '#1a4f9c';

const ORIGIN_COLOUR: Record<CalendarYear['origin'], string> = { package: 'green', table: 'orange', override: 'purple' };

interface MonthGridProps {
  year: number;
  month: number;
  holidays: Set<string>;
  workdays: Set<string>;
  locale: string;
  /** What the server says of each day (kind, festival, where it came from), shown on hover. */
  describe: (key: string) => string;
}

/** One month as a small grid: holidays red, make-up working days blue, weekends grey. */
function MonthGrid({ year, month, holidays, workdays, locale, describe }: MonthGridProps) {
  const first = dayjs(new Date(year, month, 1));
  const offset = (first.day() + 6) % 7; // weeks start on Monday
  const days = first.daysInMonth();
  const cells: (Dayjs | null)[] = [...Array.from({ length: offset }, () => null), ...Array.from({ length: days }, (_, i) => first.add(i, 'day'))];
  const title = first.toDate().toLocaleDateString(locale, { month: 'long' });
  return (
    <div style={{ width: 196 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {title}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 26px)', gap: 2 }}>
        {cells.map((day, i) => {
          if (!day) return <span key={`x${i}`} />;
          const key = day.format('YYYY-MM-DD');
          const isHoliday = holidays.has(key);
          const isWorkday = workdays.has(key);
          const weekend = day.day() === 0 || day.day() === 6;
          const style = isHoliday
            ? { background: HOLIDAY, color: '#fff' }
            : isWorkday
              ? { background: WORKDAY, color: '#fff' }
              : weekend
                ? { background: '#f0f2f5', color: '#595959' }
                : { color: '#262626' };
          return (
            <span key={key} title={describe(key)} data-date={key} style={{ ...style, height: 22, lineHeight: '22px', textAlign: 'center', fontSize: 11, borderRadius: 3 }}>
              {day.date()}
            </span>
          );
        })}
      </div>
    </div>
  );
}

/** 工作日历: each year's public holidays and make-up working days (调休), from the chinese-days package or the fallback table, and editable; each day says where it came from. */
export function CaseSettingsCalendar() {
  const { t, locale } = useI18n();
  const years = useApiQuery(['cases', 'calendar'], (signal) => casesApi.calendar(signal));
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [adding, setAdding] = useState<number | null>(null);
  const write = useWrite();
  const [form] = Form.useForm<YearForm>();
  const list = years.data ?? [];
  const year: CalendarYear | undefined = list.find((y) => y.year === selected) ?? list.find((y) => y.year === new Date().getFullYear()) ?? list[0];
  const holidays = useMemo(() => new Set(year?.holidays ?? []), [year]);
  const workdays = useMemo(() => new Set(year?.workdays ?? []), [year]);
  const shownYear = year?.year;
  const days = useApiQuery(['cases', 'calendar', shownYear, 'days'], shownYear === undefined ? null : (signal) => casesApi.calendarDays(shownYear, signal));
  const byDate = useMemo(() => new Map((days.data ?? []).map((d: CalendarDay) => [d.date, d])), [days.data]);
  const describe = (key: string) => {
    const day = byDate.get(key);
    if (!day) return key;
    const what = [t(`case.settings.calendar.kind.${day.kind}`), day.name].filter(Boolean).join(' · ');
    return `${key} ${what}（${t('case.settings.calendar.origin')}：${t(`case.settings.calendar.origin.${day.origin}`)}）`;
  };

  const edit = (target: number) => {
    const existing = list.find((y) => y.year === target);
    setEditing(target);
    form.setFieldsValue({
      holidays: (existing?.holidays ?? []).map((d) => dayjs(d)),
      workdays: (existing?.workdays ?? []).map((d) => dayjs(d)),
      source: existing?.source ?? '',
      provisional: existing?.provisional ?? true,
    });
  };

  const save = async (values: YearForm) => {
    if (editing === null) return;
    const dates = (list: Dayjs[]) => [...new Set(list.map((d) => d.format('YYYY-MM-DD')))].sort();
    const input = { holidays: dates(values.holidays), workdays: dates(values.workdays), source: values.source.trim(), provisional: values.provisional };
    const then = () => {
      setSelected(editing);
      setEditing(null);
    };
    return write.run(() => casesApi.saveCalendarYear(editing, input), { success: t('case.common.saved'), invalidates: ['cases', 'calendar'], form, then });
  };
  const reset = (target: number) => write.run(() => casesApi.resetCalendarYear(target), { success: t('case.common.saved'), invalidates: ['cases', 'calendar'] });

  const inYear = (target: number | null) => (current: Dayjs) => target !== null && current.year() !== target;
  return (
    <Flex vertical gap={16}>
      {years.error && <ErrorAlert error={years.error} onRetry={() => void years.refetch()} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Select<number>
          value={year?.year}
          onChange={setSelected}
          loading={years.isLoading}
          style={{ width: 320 }}
          aria-label={t('case.settings.calendar.year')}
          options={list.map((y) => ({ value: y.year, label: `${y.year} · ${t(`case.settings.calendar.origin.${y.origin}`)}` }))}
          data-testid="calendar-years"
        />
        <Space>
          <InputNumber<number> min={2000} max={2100} precision={0} placeholder={t('case.settings.calendar.year')} value={adding} onChange={setAdding} style={{ width: 110 }} />
          <Button icon={<PlusOutlined />} disabled={!adding || list.some((y) => y.year === adding)} onClick={() => adding && edit(adding)}>
            {t('case.settings.calendar.addYear')}
          </Button>
        </Space>
      </Flex>
      {!year ? (
        <Empty />
      ) : (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              { key: 'source', label: t('case.settings.calendar.source'), children: year.source },
              {
                key: 'origin',
                label: t('case.settings.calendar.origin'),
                children: (
                  <Tag color={ORIGIN_COLOUR[year.origin]} data-testid="calendar-origin">
                    {t(`case.settings.calendar.origin.${year.origin}`)}
                  </Tag>
                ),
              },
              {
                key: 'counts',
                label: t('case.settings.calendar.year'),
                children: (
                  <Space size={4} wrap>
                    <Tag color="red">{t('case.settings.calendar.holidayCount', { n: year.holidays.length })}</Tag>
                    <Tag color="blue">{t('case.settings.calendar.workdayCount', { n: year.workdays.length })}</Tag>
                  </Space>
                ),
              },
              {
                key: 'status',
                label: t('case.field.state'),
                children: (
                  <Space size={4} wrap>
                    {year.provisional && <Tag color="orange">{t('case.settings.calendar.provisional')}</Tag>}
                    <Tag color={year.edited ? 'purple' : 'default'}>{year.edited ? t('case.settings.calendar.edited') : t('case.settings.calendar.shipped')}</Tag>
                  </Space>
                ),
              },
            ]}
          />
          <Flex gap={8} align="center" wrap>
            <Button type="primary" icon={<EditOutlined />} onClick={() => edit(year.year)} data-testid="calendar-edit">
              {t('case.settings.calendar.edit')}
            </Button>
            {year.edited && (
              <Popconfirm title={t('case.settings.calendar.resetConfirm', { year: year.year })} okButtonProps={{ danger: true }} onConfirm={() => reset(year.year)}>
                <Button icon={<RollbackOutlined />}>{t('case.settings.calendar.reset')}</Button>
              </Popconfirm>
            )}
            <div style={{ flex: 1 }} />
            <Space size={12}>
              <Space size={4}>
                <span style={{ display: 'inline-block', width: 12, height: 12, background: HOLIDAY, borderRadius: 2 }} />
                {t('case.settings.calendar.legendHoliday')}
              </Space>
              <Space size={4}>
                <span style={{ display: 'inline-block', width: 12, height: 12, background: WORKDAY, borderRadius: 2 }} />
                {t('case.settings.calendar.legendWorkday')}
              </Space>
            </Space>
          </Flex>
          <Flex wrap gap={24} data-testid="calendar-months">
            {Array.from({ length: 12 }, (_, month) => (
              <MonthGrid key={month} year={year.year} month={month} holidays={holidays} workdays={workdays} locale={locale} describe={describe} />
            ))}
          </Flex>
        </>
      )}
      <FormModal<YearForm>
        keepMounted
        open={editing !== null}
        title={t('case.settings.calendar.editTitle', { year: editing ?? '' })}
        form={form}
        onClose={() => setEditing(null)}
        onSubmit={save}
        width={640}
        before={<Typography.Paragraph type="secondary">{t('case.settings.calendar.pickHint')}</Typography.Paragraph>}
      >
        <Form.Item name="holidays" label={t('case.settings.calendar.holidays')}>
          <DatePicker multiple maxTagCount="responsive" disabledDate={inYear(editing)} defaultPickerValue={editing ? dayjs(new Date(editing, 0, 1)) : undefined} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="workdays" label={t('case.settings.calendar.workdays')}>
          <DatePicker multiple maxTagCount="responsive" disabledDate={inYear(editing)} defaultPickerValue={editing ? dayjs(new Date(editing, 0, 1)) : undefined} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="source" label={t('case.settings.calendar.source')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('case.settings.calendar.source') }) }]}>
          <Input maxLength={200} placeholder={t('case.settings.calendar.sourcePlaceholder')} />
        </Form.Item>
        <Form.Item name="provisional" valuePropName="checked">
          <Checkbox>{t('case.settings.calendar.provisional')}</Checkbox>
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
