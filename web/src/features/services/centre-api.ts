// Typed calls of the services' second part: appointments, 好差评 and rectification, the
// admission lists and tasks, community certificates, generated ledgers and packages.
import { buildUrl, request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import type * as contract from '#server/modules/services/contract.ts';

export type Slot = Json<contract.SlotView>;
export type Appointment = Json<contract.AppointmentView>;
export type ServiceWindow = Json<contract.ServiceWindowView>;
export type Rating = Json<contract.RatingView>;
export type RatingReceipt = Json<contract.RatingReceipt>;
export type RatingStats = Json<contract.RatingStats>;
export type Rectification = Json<contract.RectificationView>;
export type AdmissionEntry = Json<contract.AdmissionEntryView>;
export type Task = Json<contract.TaskView>;
export type TaskCounts = Json<contract.TaskCounts>;
export type CommunityCertificate = Json<contract.CommunityCertificateView>;
export type ReplacedLedger = Json<contract.ReplacedLedger>;
export type CommunityPackage = Json<contract.CommunityPackage>;
type Paging = { page: number; pageSize: number };
type Query = Record<string, string | number | boolean | undefined>;

const id = (value: string) => encodeURIComponent(value);

export const centreApi = {
  // ---- appointments ----
  appointmentCentres: (signal?: AbortSignal) => request<{ code: string; name: string }[]>('GET', '/api/public/appointment-centres', { signal }),
  slots: (centre: string, signal?: AbortSignal) => request<Slot[]>('GET', '/api/public/appointment-slots', { query: { centre }, signal }),
  book: (body: { slotId: string; name: string; phone: string }) => request<Appointment>('POST', '/api/public/appointments', { body }),
  cancelBooking: (number: string, phone: string) => request<Appointment>('POST', `/api/public/appointments/${id(number)}/cancel`, { body: { phone } }),
  windows: (signal?: AbortSignal) => request<ServiceWindow[]>('GET', '/api/services/windows', { signal }),
  createWindow: (body: { centreCode: string; name: string }) => request<ServiceWindow>('POST', '/api/services/windows', { body }),
  openSlots: (body: contract.OpenSlotsBody) => request<{ opened: number }>('POST', '/api/services/slots', { body }),
  appointments: (query: Query & Paging, signal?: AbortSignal) => request<Paged<Appointment>>('GET', '/api/services/appointments', { query, signal }),
  checkIn: (number: string) => request<Appointment>('POST', `/api/services/appointments/${id(number)}/arrive`),

  // ---- 好差评 ----
  rateApplication: (number: string, body: Json<contract.RateApplicationBody>) => request<RatingReceipt>('POST', `/api/public/applications/${id(number)}/rating`, { body }),
  ratings: (query: Query & Paging, signal?: AbortSignal) => request<Paged<Rating>>('GET', '/api/services/ratings', { query, signal }),
  ratingsExportUrl: (query: Query) => buildUrl('/api/services/ratings/export.xlsx', query),
  ratingStats: (query: Query, signal?: AbortSignal) => request<RatingStats>('GET', '/api/public/services/rating-stats', { query, signal }),
  rectifications: (query: Query & Paging, signal?: AbortSignal) => request<Paged<Rectification>>('GET', '/api/services/rectifications', { query, signal }),
  actOnRectification: (recordId: string, body: Json<contract.RectificationActionBody>) => request<Rectification>('POST', `/api/services/rectifications/${id(recordId)}/actions`, { body }),

  // ---- admission lists, tasks, certificates ----
  admissionEntries: (query: Query & Paging, signal?: AbortSignal) => request<Paged<AdmissionEntry>>('GET', '/api/public/services/admission-entries', { query, signal }),
  tasks: (query: Query & Paging, signal?: AbortSignal) => request<Paged<Task>>('GET', '/api/services/tasks', { query, signal }),
  createTask: (body: Json<contract.CreateTaskBody>) => request<Task>('POST', '/api/services/tasks', { body }),
  reviewTask: (taskId: string, body: contract.ReviewTaskBody) => request<Task>('POST', `/api/services/tasks/${id(taskId)}/review`, { body }),
  taskCounts: (district: string, signal?: AbortSignal) => request<TaskCounts>('GET', '/api/public/services/task-counts', { query: { district }, signal }),
  certificates: (query: Query & Paging, signal?: AbortSignal) => request<Paged<CommunityCertificate>>('GET', '/api/services/certificates', { query, signal }),
  certifiable: (community: string, signal?: AbortSignal) => request<{ residentId: string; name: string; address: string }[]>('GET', '/api/services/certificates/residents', { query: { community }, signal }),
  issueCertificate: (body: contract.IssueCertificateBody) => request<CommunityCertificate>('POST', '/api/services/certificates', { body }),

  // ---- ledgers and packages ----
  ledgers: (signal?: AbortSignal) => request<{ generated: contract.GeneratedLedger[]; replaced: ReplacedLedger[] }>('GET', '/api/services/ledgers', { signal }),
  ledgerUrl: (ledger: contract.GeneratedLedger, month: string, under?: string) => buildUrl(`/api/services/ledgers/${ledger}`, { month, under }),
  communityPackage: (code: string, signal?: AbortSignal) => request<CommunityPackage>('GET', `/api/services/packages/${id(code)}`, { signal }),
};
