// A questionnaire to fill in (on /portal by invitation code, on /m by a worker): each question by
// its kind, required ones marked, a question shown only when an earlier answer asks for it.
import { Button, Checkbox, Flex, Form, Input, Radio, Rate } from 'antd';
import type { Answers, Question } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';

/** Whether a question is shown, given the answers so far (the server's rule, answers.ts). */
const isShown = (q: Question, answers: Answers) => !q.showIf || answers[q.showIf.questionKey] === q.showIf.equals;

export function SurveyForm({ questions, busy, onSubmit }: { questions: readonly Question[]; busy: boolean; onSubmit: (answers: Answers) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<Answers>();
  const answers = (Form.useWatch([], form) ?? {}) as Answers;
  return (
    <Form<Answers>
      form={form}
      layout="vertical"
      data-testid="survey-form"
      onFinish={(values) => {
        const shown = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== undefined && v !== '' && isShown(questions.find((q) => q.key === k) as Question, values)));
        void onSubmit(shown as Answers);
      }}
    >
      {questions.map((q, i) =>
        isShown(q, answers) ? (
          <Form.Item key={q.key} name={q.key} label={`${i + 1}. ${q.text}`} rules={q.required ? [{ required: true, message: t('assessment.answer.required') }] : []}>
            {q.kind === 'single' ? (
              <Radio.Group options={q.options.map((o) => ({ value: o, label: o }))} />
            ) : q.kind === 'multiple' ? (
              <Checkbox.Group options={q.options.map((o) => ({ value: o, label: o }))} />
            ) : q.kind === 'scale' ? (
              <Rate count={q.scaleMax} aria-label={q.text} />
            ) : (
              <Input.TextArea rows={3} maxLength={2000} />
            )}
          </Form.Item>
        ) : null,
      )}
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="survey-submit">
          {t('assessment.answer.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
