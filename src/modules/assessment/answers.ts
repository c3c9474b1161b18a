// Checking a survey answer against its questions (pure): required questions, the shape of
// each kind, and simple skip logic (a question shown only when an earlier single choice has a
// given answer: a hidden question must stay unanswered). Problems name the question's key.
import type { Answers, Question } from './contract.ts';

export interface AnswerProblem {
  field: string;
  message: string;
}

/** Whether a question is shown, given the answers so far. */
export function isShown(question: Question, answers: Answers): boolean {
  if (!question.showIf) return true;
  return answers[question.showIf.questionKey] === question.showIf.equals;
}

function isEmpty(v: Answers[string] | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The problems of an answer set (none: it may be stored); answers to hidden or unknown questions are problems too. */
export function checkAnswers(questions: readonly Question[], answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) problems.push({ field: `answers.${key}`, message: '没有这个问题 / no such question' });
  for (const q of questions) {
    const v = answers[q.key];
    const field = `answers.${q.key}`;
    if (!isShown(q, answers)) {
      if (!isEmpty(v)) problems.push({ field, message: '该问题按前面的回答应跳过 / this question is skipped by an earlier answer' });
      continue;
    }
    if (isEmpty(v)) {
      if (q.required) problems.push({ field, message: '必答题 / required' });
      continue;
    }
    switch (q.kind) {
      case 'single':
        if (typeof v !== 'string' || !q.options.includes(v)) problems.push({ field, message: '请选择一个选项 / choose one of the options' });
        break;
      case 'multiple':
        if (!Array.isArray(v) || v.some((x) => !q.options.includes(x)) || new Set(v).size !== v.length) {
          problems.push({ field, message: '请选择列出的选项 / choose among the options' });
        }
        break;
      case 'scale':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > q.scaleMax) problems.push({ field, message: `请选择 1–${q.scaleMax} / a whole number from 1 to ${q.scaleMax}` });
        break;
      case 'text':
        if (typeof v !== 'string') problems.push({ field, message: '请填写文字 / text expected' });
        break;
    }
  }
  return problems;
}

/** The problems of a questionnaire itself: duplicate keys, choices without options, skip logic pointing forward or at a non-choice. */
export function checkQuestions(questions: readonly Question[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Map<string, Question>();
  questions.forEach((q, i) => {
    const field = `questions.${i}`;
    if (seen.has(q.key)) problems.push({ field: `${field}.key`, message: '问题编号重复 / duplicate key' });
    if ((q.kind === 'single' || q.kind === 'multiple') && q.options.length < 2) problems.push({ field: `${field}.options`, message: '至少两个选项 / at least two options' });
    if (q.showIf) {
      const target = seen.get(q.showIf.questionKey);
      if (!target || target.kind !== 'single' || !target.options.includes(q.showIf.equals)) {
        problems.push({ field: `${field}.showIf`, message: '跳转条件须指向前面单选题的一个选项 / must name an option of an earlier single-choice question' });
      }
    }
    seen.set(q.key, q);
  });
  return problems;
}

/** 6-character invitation codes without look-alike characters (0/O, 1/I/L). */
export const invitationAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
