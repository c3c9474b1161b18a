// The materials of an item as a checklist: upload files for each, or, where the item allows,
// bring it later (容缺) or commit instead (告知承诺). Used by the portal and the counter.
import { UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, List, Tag, Typography, Upload } from 'antd';
import type { MaterialSpec } from '#server/modules/services/contract.ts';
import { useT, type MessageKey } from '../../../platform/i18n/index.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi } from '../api.ts';

export interface MaterialChoice {
  key: string;
  fileIds: string[];
  filenames: string[];
  deferred: boolean;
  committed: boolean;
}

export function MaterialPicker({ specs, value, onChange, only }: { specs: MaterialSpec[]; value: MaterialChoice[]; onChange: (next: MaterialChoice[]) => void; only?: string[] }) {
  const t = useT();
  const { busy, run } = useAction();
  const shown = only ? specs.filter((s) => only.includes(s.key)) : specs;
  const of = (key: string): MaterialChoice => value.find((v) => v.key === key) ?? { key, fileIds: [], filenames: [], deferred: false, committed: false };
  const set = (key: string, change: Partial<MaterialChoice>) => onChange([...value.filter((v) => v.key !== key), { ...of(key), ...change }]);
  return (
    <List
      size="small"
      bordered
      dataSource={shown}
      renderItem={(spec) => {
        const choice = of(spec.key);
        return (
          <List.Item data-testid="material" data-key={spec.key}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{spec.name}</Typography.Text>
                <Tag>{t(`services.form.${spec.form}` as MessageKey)} ×{spec.count}</Tag>
                <Tag color={spec.rule === 'required' ? 'red' : 'default'}>{t(`services.rule.${spec.rule}` as MessageKey)}</Tag>
              </Flex>
              <Flex gap={12} wrap align="center">
                <Upload
                  accept="image/*,application/pdf"
                  showUploadList={false}
                  customRequest={({ file }) =>
                    void run(async () => {
                      const up = await servicesApi.uploadMaterial(file as File);
                      set(spec.key, { fileIds: [...choice.fileIds, up.id], filenames: [...choice.filenames, up.filename] });
                    })
                  }
                >
                  <Button size="small" icon={<UploadOutlined />} loading={busy} aria-label={`${t('services.counter.upload')} ${spec.name}`}>
                    {t('services.counter.upload')}
                  </Button>
                </Upload>
                {choice.filenames.map((f, i) => (
                  <Tag key={`${f}${i}`} color="green">
                    {f}
                  </Tag>
                ))}
                {spec.rule === 'deferrable' && (
                  <Checkbox checked={choice.deferred} onChange={(e) => set(spec.key, { deferred: e.target.checked })}>
                    {t('services.portal.deferLabel')}
                  </Checkbox>
                )}
                {spec.rule === 'commitment' && (
                  <Checkbox checked={choice.committed} onChange={(e) => set(spec.key, { committed: e.target.checked })}>
                    {t('services.portal.commitLabel')}
                  </Checkbox>
                )}
              </Flex>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}

/** The request's materials from the choices. */
export function materialsOf(choices: MaterialChoice[]) {
  return choices.map(({ key, fileIds, deferred, committed }) => ({ key, fileIds, deferred, committed }));
}
