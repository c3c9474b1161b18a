import { CameraOutlined, CloseOutlined, FilePdfOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { toApiError } from '../../../platform/api-client.ts';
import { casesApi, type CaseAttachment } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

const thumbStyle = { width: 88, height: 88, objectFit: 'cover' as const, borderRadius: 4, border: '1px solid #e3e8ef', background: '#f5f7fa' };

/** Thumbnails of stored photos (click to enlarge); documents appear as download links. */
export function CasePhotos({ ids, attachments, size = 88 }: { ids: readonly string[]; attachments?: readonly CaseAttachment[]; size?: number }) {
  const { t } = useI18n();
  if (ids.length === 0) return null;
  const byId = new Map((attachments ?? []).map((a) => [a.id, a]));
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8} data-testid="case-photos">
        {ids.map((id) => {
          const attachment = byId.get(id);
          if (attachment && !attachment.mime.startsWith('image/')) {
            return (
              <a key={id} href={casesApi.attachmentUrl(id)} target="_blank" rel="noreferrer" style={{ ...thumbStyle, width: size, height: size, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 4 }}>
                <FilePdfOutlined style={{ fontSize: 28, color: '#cf1322' }} />
                <Typography.Text ellipsis style={{ fontSize: 11, maxWidth: size - 8 }}>
                  {attachment.originalName || t('case.common.download')}
                </Typography.Text>
              </a>
            );
          }
          return (
            <Image
              key={id}
              src={casesApi.attachmentUrl(id, true)}
              preview={{ src: casesApi.attachmentUrl(id) }}
              width={size}
              height={size}
              style={{ ...thumbStyle, width: size, height: size }}
              alt={attachment?.originalName ?? t('case.common.photos')}
            />
          );
        })}
      </Flex>
    </Image.PreviewGroup>
  );
}

interface Pending {
  key: string;
  preview: string;
  id: string | null;
  error: string | null;
  /** Kept on the phone (no signal), to be uploaded with the report. */
  kept?: File;
}

interface PhotoInputProps {
  /** Attachment ids; with `keepOffline`, also photos kept on the phone until the report is sent. */
  value?: (string | File)[];
  onChange?: (ids: (string | File)[]) => void;
  /** Upload onto an existing case (action photos); omitted for a case not yet reported. */
  caseId?: string;
  /** Open the rear camera directly on phones. */
  camera?: boolean;
  label?: string;
  testId?: string;
  /** Without signal, keep the photo itself in the value (the report's outbox uploads it later). */
  keepOffline?: boolean;
}

/**
 * Takes photos (the phone's camera with capture="environment", or files), uploads each at
 * once and gives the form the attachment ids. The server checks the type by content.
 */
export function PhotoInput({ value, onChange, caseId, camera = false, label, testId = 'photo-input', keepOffline = false }: PhotoInputProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  // Uploads finish in any order: keep the ids in a ref so none is lost between renders.
  const ids = useRef<(string | File)[]>(value ?? []);
  const notify = useRef(onChange);
  useEffect(() => {
    ids.current = value ?? [];
    notify.current = onChange;
  });
  // Free the local previews when the control goes away.
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((url) => URL.revokeObjectURL(url)), []);

  // The form reset its value: forget what was shown.
  useEffect(() => {
    if ((value ?? []).length === 0) setPending((list) => (list.some((p) => p.id || p.kept) ? list.filter((p) => !p.id && !p.kept && !p.error) : list));
  }, [value]);

  const addFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      setPending((list) => [...list, { key, preview, id: null, error: null }]);
      const keep = () => {
        setPending((list) => list.map((p) => (p.key === key ? { ...p, kept: file } : p)));
        ids.current = [...ids.current, file];
        notify.current?.(ids.current);
      };
      if (keepOffline && !navigator.onLine) {
        keep();
        continue;
      }
      casesApi.upload(file, caseId).then(
        (uploaded) => {
          setPending((list) => list.map((p) => (p.key === key ? { ...p, id: uploaded.id } : p)));
          ids.current = [...ids.current, uploaded.id];
          notify.current?.(ids.current);
        },
        (error: unknown) => {
          if (keepOffline && toApiError(error).code === 'NETWORK') return keep();
          setPending((list) => list.map((p) => (p.key === key ? { ...p, error: toApiError(error).message } : p)));
        },
      );
    }
    if (input.current) input.current.value = '';
  };

  const remove = (item: Pending) => {
    setPending((list) => list.filter((p) => p.key !== item.key));
    if (item.id || item.kept) onChange?.((value ?? []).filter((id) => id !== item.id && id !== item.kept));
  };

  const uploading = pending.some((p) => !p.id && !p.kept && !p.error);
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8}>
        {pending.map((item) => (
          <div key={item.key} style={{ position: 'relative' }} data-testid="photo-thumb" data-uploaded={item.id ? 'true' : 'false'} data-kept={item.kept ? 'true' : 'false'}>
            <img src={item.preview} alt="" style={{ ...thumbStyle, opacity: item.id || item.kept ? 1 : 0.5, borderColor: item.error ? '#ff4d4f' : '#e3e8ef' }} />
            {!item.id && !item.kept && !item.error && <LoadingOutlined style={{ position: 'absolute', top: 34, left: 34, fontSize: 20, color: '#1a4f9c' }} />}
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={t('case.upload.remove')}
              onClick={() => remove(item)}
              style={{ position: 'absolute', top: -6, right: -6 }}
            />
            {item.error && (
              <Typography.Text type="danger" style={{ display: 'block', fontSize: 11, maxWidth: 88 }}>
                {t('case.upload.failed', { reason: item.error })}
              </Typography.Text>
            )}
          </div>
        ))}
        <button
          type="button"
          onClick={() => input.current?.click()}
          style={{ ...thumbStyle, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 4, cursor: 'pointer', borderStyle: 'dashed', color: '#1a4f9c' }}
          data-testid={`${testId}-button`}
        >
          <CameraOutlined style={{ fontSize: 22 }} />
          <span style={{ fontSize: 12 }}>{label ?? (camera ? t('case.upload.camera') : t('case.upload.add'))}</span>
        </button>
      </Flex>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        {...(camera ? { capture: 'environment' as const } : {})}
        style={{ display: 'none' }}
        onChange={(event) => addFiles(event.target.files)}
        data-testid={testId}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {uploading ? t('case.upload.uploading') : t('case.upload.hint')}
      </Typography.Text>
    </Flex>
  );
}
