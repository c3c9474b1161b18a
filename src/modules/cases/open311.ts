// Open311 GeoReport v2 at /open311/v2/ (JSON and XML): the routes are in open311/.
export { open311Routes } from './open311/routes.ts';
