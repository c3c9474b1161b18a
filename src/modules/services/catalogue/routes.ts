// HTTP routes of the catalogue and bundles: staff keep them; anyone reads the public catalogue.
import { z } from 'zod';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import { AppError } from '../../../platform/errors.ts';
import { route, routeTable } from '../../../platform/route.ts';
import {
  bundleCodeParams,
  createBundleBody,
  createItemBody,
  importResult,
  itemCodeParams,
  itemVersionParams,
  listItemsQuery,
  publicItem,
  publicItemPage,
  publicItemsQuery,
  serviceBundle,
  serviceItem,
  serviceItemPage,
  updateBundleBody,
  updateItemBody,
} from '../contract.ts';
import { createBundle, getBundle, listBundles, updateBundle } from '../bundles/bundles.ts';
import { createItem, getItem, listItems, updateItem } from './items.ts';
import { exportCatalogue, importCatalogue } from './xlsx.ts';

const publicLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const strip = <T extends { active: boolean; updatedAt: Date }>({ active: _a, updatedAt: _u, ...rest }: T) => rest;

/** The catalogue as staff keep it, and as the public reads it. */
export const catalogueRoutes = routeTable('services', [
  route({
    method: 'GET',
    url: '/api/services/items',
    summary: 'The catalogue of service items (versions in force), searchable by name, code or pinyin',
    access: 'services.read',
    query: listItemsQuery,
    response: serviceItemPage,
    handle: ({ db, query }) => listItems(db, { ...query, includeInactive: query.includeInactive === 'true' }),
  }),
  route({
    method: 'GET',
    url: '/api/services/items/export.xlsx',
    summary: 'The catalogue as an .xlsx workbook (items, materials, form fields)',
    access: 'services.read',
    handle: async ({ db, actor, reply }) => sendDownload(reply, `服务事项目录-${stamp()}.xlsx`, XLSX, await exportCatalogue(db, actor)),
  }),
  route({
    method: 'POST',
    url: '/api/services/items/import',
    summary: 'Import a catalogue workbook (multipart "file"): new items, new versions of changed ones; all or nothing',
    access: 'services.catalogue',
    response: importResult,
    openapi: { consumes: ['multipart/form-data'] },
    handle: async ({ db, actor, req }) => {
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', message: '请选择 .xlsx 文件' }] });
      return importCatalogue(db, actor, await file.toBuffer());
    },
  }),
  route({
    method: 'GET',
    url: '/api/services/items/:code',
    summary: 'One item, its version in force',
    access: 'services.read',
    params: itemCodeParams,
    response: serviceItem,
    handle: ({ db, params }) => getItem(db, params.code),
  }),
  route({
    method: 'GET',
    url: '/api/services/items/:code/versions/:version',
    summary: 'One version of an item, as an application made under it sees it',
    access: 'services.read',
    params: itemVersionParams,
    response: serviceItem,
    handle: ({ db, params }) => getItem(db, params.code, params.version),
  }),
  route({
    method: 'POST',
    url: '/api/services/items',
    summary: 'Add a service item (version 1)',
    access: 'services.catalogue',
    body: createItemBody,
    response: serviceItem,
    status: 201,
    handle: ({ db, actor, body }) => {
      const { code, ...content } = body;
      return createItem(db, actor, code, content);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/services/items/:code',
    summary: 'Change an item: a new version (applications keep theirs); VERSION_CONFLICT if it changed since read',
    access: 'services.catalogue',
    params: itemCodeParams,
    body: updateItemBody,
    response: serviceItem,
    handle: ({ db, actor, params, body }) => {
      const { version, active, ...content } = body;
      return updateItem(db, actor, params.code, version, content, active);
    },
  }),
  route({
    method: 'GET',
    url: '/api/services/bundles',
    summary: '"One thing" bundles, each with its one form and one set of materials',
    access: 'services.read',
    response: z.array(serviceBundle),
    handle: ({ db }) => listBundles(db, true),
  }),
  route({
    method: 'POST',
    url: '/api/services/bundles',
    summary: 'Add a bundle (version 1); its code must be new',
    access: 'services.catalogue',
    body: createBundleBody,
    response: serviceBundle,
    status: 201,
    handle: ({ db, actor, body }) => createBundle(db, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/services/bundles/:code',
    summary: 'One bundle as kept (withdrawn ones too), with its version',
    access: 'services.read',
    params: bundleCodeParams,
    response: serviceBundle,
    handle: ({ db, params }) => getBundle(db, params.code),
  }),
  route({
    method: 'PUT',
    url: '/api/services/bundles/:code',
    summary: 'Change a bundle (items, name, published or withdrawn); VERSION_CONFLICT if it changed since read',
    access: 'services.catalogue',
    params: bundleCodeParams,
    body: updateBundleBody,
    response: serviceBundle,
    handle: ({ db, actor, params, body }) => {
      const { version, ...content } = body;
      return updateBundle(db, actor, params.code, version, content);
    },
  }),
]);

/** The public catalogue: anyone may browse and search it (一网通办). */
export const publicCatalogueRoutes = routeTable('public', [
  route({
    method: 'GET',
    url: '/api/public/services',
    summary: 'The catalogue of service items, paged, searchable by name, code, pinyin or initials',
    access: 'public',
    config: publicLimit,
    query: publicItemsQuery,
    response: publicItemPage,
    handle: async ({ db, query }) => {
      const page = await listItems(db, query);
      return { ...page, items: page.items.map(strip) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/public/services/bundles',
    summary: '"One thing" bundles with their form and materials',
    access: 'public',
    config: publicLimit,
    response: z.array(serviceBundle),
    handle: ({ db }) => listBundles(db),
  }),
  route({
    method: 'GET',
    url: '/api/public/services/bundles/:code',
    summary: 'One bundle',
    access: 'public',
    config: publicLimit,
    params: bundleCodeParams,
    response: serviceBundle,
    handle: async ({ db, params }) => {
      const bundle = await getBundle(db, params.code);
      if (!bundle.active) throw new AppError('SERVICE_BUNDLE_NOT_FOUND', { code: params.code });
      return bundle;
    },
  }),
  route({
    method: 'GET',
    url: '/api/public/services/:code',
    summary: 'One service item: its guide, materials, time limits and form',
    access: 'public',
    config: publicLimit,
    params: itemCodeParams,
    response: publicItem,
    handle: async ({ db, params }) => {
      const item = await getItem(db, params.code);
      if (!item.active) throw new AppError('SERVICE_ITEM_NOT_FOUND', { code: params.code });
      return strip(item);
    },
  }),
]);
