// HTTP of attendance: geofenced check-in and check-out (idempotent), my month, leave and
// duty-swap requests with their approval, and the community's monthly sheet.
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, XLSX } from '../../../platform/download.ts';
import { attendanceDayView, attendanceSheetQuery, checkBody, createLeaveBody, decideLeaveBody, idParam, leaveListQuery, leavePage, leaveView, myAttendance as myAttendanceSchema, myAttendanceQuery } from '../contract.ts';
import { attendanceSheet, checkIn, checkOut, createLeave, decideLeave, listLeaves, myAttendance } from '../use-cases/attendance.ts';

export const attendanceRoutes = routeTable('gridwork', [
  route({
    method: 'POST',
    url: '/api/gridwork/attendance/check-in',
    summary: 'Check in inside my grid (within the tolerance; outside: refused with the distance); honours Idempotency-Key',
    access: 'gridwork.write',
    body: checkBody,
    response: attendanceDayView,
    idempotent: true,
    handle: ({ actor, body, db }) => checkIn(db, actor, body),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/attendance/check-out',
    summary: 'Check out inside my grid; honours Idempotency-Key',
    access: 'gridwork.write',
    body: checkBody,
    response: attendanceDayView,
    idempotent: true,
    handle: ({ actor, body, db }) => checkOut(db, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/attendance/mine',
    summary: 'My attendance of a month (this one unless told) and today',
    access: 'gridwork.write',
    query: myAttendanceQuery,
    response: myAttendanceSchema,
    handle: ({ actor, query, db }) => myAttendance(db, actor, query.month),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/attendance/sheet.xlsx',
    summary: "A community's attendance sheet of a month (.xlsx)",
    access: 'gridwork.read',
    query: attendanceSheetQuery,
    handle: async ({ actor, query, db, reply }) => {
      const file = await attendanceSheet(db, actor, query.community, query.month);
      return sendDownload(reply, file.fileName, XLSX, file.bytes);
    },
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/leaves',
    summary: 'Ask for leave or a duty swap',
    access: 'gridwork.write',
    body: createLeaveBody,
    response: leaveView,
    status: 201,
    handle: ({ actor, body, db }) => createLeave(db, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/leaves',
    summary: 'Leave and swap requests in my area (mine=true: my own)',
    access: 'signed-in',
    query: leaveListQuery,
    response: leavePage,
    handle: ({ actor, query, db }) => listLeaves(db, actor, query),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/leaves/:id/decide',
    summary: 'Approve or reject a pending request (community staff), naming the version read',
    access: 'gridwork.write',
    params: idParam,
    body: decideLeaveBody,
    response: leaveView,
    handle: ({ actor, params, body, db }) => decideLeave(db, actor, params.id, body),
  }),
]);
