// The field rules every write of a person goes through: GB 11643 ID numbers (and the
// gender and birth date they imply), mobile numbers, ethnic groups, migrants' arrival date.
import type { Resident } from './load.ts';
import type { CreateResidentBody, Gender } from '../contract.ts';
import { checkAgainstIdNumber, idNumberProblemMessage, validateIdNumber } from '../id-number.ts';
import { mobileProblemMessage, validateMobile } from '../phone.ts';
import { parseEthnicity } from '../vocabulary.ts';
import { validationFailed, type FieldProblem } from './common.ts';

/** The fields of a person a write may set (all of them on registration). */
export type ResidentFields = Partial<Omit<CreateResidentBody, 'householdId' | 'houseId' | 'gridCode' | 'relation' | 'movedInOn'>>;

export interface CheckedIdentity {
  idNumber?: { value: string; gender: Gender; birthDate: string } | undefined;
  phone?: string | null | undefined;
  ethnicity?: string | null | undefined;
}

/** Field rules every write of a person goes through (GB 11643, mobile numbers, migrants' arrival date). */
export function checkResident(input: ResidentFields, current: Resident | undefined, today: string): CheckedIdentity {
  const problems: FieldProblem[] = [];
  const out: CheckedIdentity = {};
  if (input.name !== undefined && /\d/.test(input.name)) problems.push({ field: 'body.name', message: '姓名不能包含数字' });
  if (input.idNumber !== undefined) {
    const result = validateIdNumber(input.idNumber, { today: new Date(`${today}T12:00:00+08:00`) });
    if (!result.ok) problems.push({ field: 'body.idNumber', message: idNumberProblemMessage(result.reason, 'zh-CN') });
    else {
      out.idNumber = result;
      const typed = { ...(input.gender ? { gender: input.gender } : {}), ...(input.birthDate ? { birthDate: input.birthDate } : {}) };
      for (const m of checkAgainstIdNumber(result, typed)) {
        problems.push(m === 'gender'
          ? { field: 'body.gender', message: '性别与身份证号不符' }
          : { field: 'body.birthDate', message: '出生日期与身份证号不符' });
      }
    }
  } else if (current && (input.gender || input.birthDate)) {
    for (const m of checkAgainstIdNumber(current, { ...(input.gender ? { gender: input.gender } : {}), ...(input.birthDate ? { birthDate: input.birthDate } : {}) })) {
      problems.push({ field: m === 'gender' ? 'body.gender' : 'body.birthDate', message: m === 'gender' ? '性别与身份证号不符' : '出生日期与身份证号不符' });
    }
  }
  if (input.phone !== undefined) {
    if (input.phone === null || input.phone.trim() === '') out.phone = null;
    else {
      const phone = validateMobile(input.phone);
      if (phone.ok) out.phone = phone.value;
      else problems.push({ field: 'body.phone', message: mobileProblemMessage(phone.reason, 'zh-CN') });
    }
  }
  if (input.ethnicity !== undefined && input.ethnicity !== null && input.ethnicity !== '') {
    const e = parseEthnicity(input.ethnicity);
    if (!e) problems.push({ field: 'body.ethnicity', message: '不是56个民族之一' });
    out.ethnicity = e;
  } else if (input.ethnicity !== undefined) out.ethnicity = null;
  const residenceType = input.residenceType ?? current?.residenceType ?? 'local';
  const arrivedOn = input.arrivedOn !== undefined ? input.arrivedOn : current?.arrivedOn;
  if (residenceType === 'migrant' && !arrivedOn) problems.push({ field: 'body.arrivedOn', message: '流动人口必须填写来本地日期' });
  if (arrivedOn && arrivedOn > today) problems.push({ field: 'body.arrivedOn', message: '来本地日期不能晚于今天' });
  if (problems.length) throw validationFailed(problems);
  return out;
}

