// Admission of a task pushed down to communities (社区工作事项准入, after Lianhu's 三个清单):
// a task on the statutory or assisting list is assigned; the negative list and the
// certificate list refuse it; a task on no list is refused unless the department asks the
// street to review it, with a reason.
import type { AdmissionList, TaskStatus } from '../contract/admission.ts';

export type AdmissionDecision = { status: Extract<TaskStatus, 'assigned' | 'under_review'> } | { refused: string };

/** What happens to a new task, given the list entry it names (if any) and the department's reason for a review. */
export function admissionDecision(entry: { list: AdmissionList; active: boolean } | null, reviewReason: string | undefined): AdmissionDecision {
  if (entry) {
    if (!entry.active) return { refused: '该清单事项已停用 / the entry is withdrawn' };
    if (entry.list === 'negative') return { refused: '负面清单事项不得下派社区 / the negative list may not be pushed down' };
    if (entry.list === 'certificate') return { refused: '证明事项清单不是任务清单 / the certificate list names no tasks' };
    return { status: 'assigned' };
  }
  if (reviewReason) return { status: 'under_review' };
  return { refused: '未列入准入清单；确需下派的，请说明理由提交街道准入审核 / on no list; give a reason to ask the street for a review' };
}
