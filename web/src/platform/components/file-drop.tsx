import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import type { ReactNode } from 'react';

interface FileDropProps {
  /** The file types offered by the browser's picker. */
  accept: string;
  /** The file dropped or picked; nothing is uploaded by the dropzone itself. */
  onFile: (file: File) => void;
  text: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  testId?: string;
}

/** A dropzone for one file, handed to the screen (which checks and sends it its own way). */
export function FileDrop({ accept, onFile, text, hint, disabled, testId }: FileDropProps) {
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      disabled={disabled}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{text}</p>
      {hint && <p className="ant-upload-hint">{hint}</p>}
    </Upload.Dragger>
  );
}
