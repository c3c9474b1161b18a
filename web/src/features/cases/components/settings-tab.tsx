import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';

interface SettingsTabProps {
  /** Above everything: what the tab's rules do. */
  notice?: ReactNode;
  /** Left of the add button: a hint or a filter. */
  intro?: ReactNode;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}

/** A settings tab of rows: its toolbar (a hint or filter, the add button), then its table and dialog. */
export function SettingsTab({ notice, intro, addLabel, onAdd, children }: SettingsTabProps) {
  return (
    <Flex vertical gap={12}>
      {notice}
      <Flex justify={intro ? 'space-between' : 'flex-end'} align="center" wrap gap={8}>
        {intro}
        <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
          {addLabel}
        </Button>
      </Flex>
      {children}
    </Flex>
  );
}
