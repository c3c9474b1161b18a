// 民情日记 on /m: today's entry (seen, heard, done) with photos; saved through the outbox.
import { CameraOutlined, ReadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { gridworkApi } from '../api.ts';

interface LogForm {
  seen?: string;
  heard?: string;
  done?: string;
}

/** Today in China (the server's days are China days). */
export function chinaDay(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function WorkLogSection() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const saving = useAction();
  const [form] = Form.useForm<LogForm>();
  const [photos, setPhotos] = useState<File[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const day = chinaDay();
  const entry = useApiQuery(['gridwork', 'log', 'mine', day], me && can('gridwork.write') ? (signal) => gridworkApi.myLog(day, signal) : null);
  const saved = entry.data?.entry;
  useEffect(() => {
    if (saved) form.setFieldsValue({ seen: saved.seen, heard: saved.heard, done: saved.done });
  }, [saved, form]);
  if (!me || !can('gridwork.write')) return null;

  const save = (values: LogForm) =>
    saving.run(async () => {
      const result = await gridworkApi.saveLog({ day, seen: values.seen ?? '', heard: values.heard ?? '', done: values.done ?? '' }, photos);
      setPhotos([]);
      void message.success(result.sent ? t('gridwork.log.saved') : t('gridwork.queued'));
      void invalidate(['gridwork', 'log']);
    }, form);

  return (
    <Card size="small" title={<><ReadOutlined /> {t('gridwork.log.title')}</>} style={{ marginBottom: 12 }} data-testid="log-section">
      <Form<LogForm> form={form} layout="vertical" onFinish={(values) => void save(values)}>
        <Form.Item name="seen" label={t('gridwork.log.seen')} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="log-seen" />
        </Form.Item>
        <Form.Item name="heard" label={t('gridwork.log.heard')} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="log-heard" />
        </Form.Item>
        <Form.Item name="done" label={t('gridwork.log.done')} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="log-done" />
        </Form.Item>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>
            {t('gridwork.log.addPhoto')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('gridwork.log.photoCount', { saved: saved?.photos.length ?? 0, pending: photos.length })}
          </Typography.Text>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            style={{ display: 'none' }}
            onChange={(event) => {
              setPhotos((list) => [...list, ...Array.from(event.target.files ?? [])]);
              event.target.value = '';
            }}
            data-testid="log-photos"
          />
        </Flex>
        <Button type="primary" htmlType="submit" block loading={saving.busy} data-testid="log-save">
          {t('gridwork.log.save')}
        </Button>
      </Form>
    </Card>
  );
}
