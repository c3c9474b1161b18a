// The org module (org units, grids, rosters) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { orgPublicRoutes, orgRoutes } from './routes.ts';
import { loadOrgDemo } from './demo.ts';
import { registerOrgCommands } from './cli.ts';

export const orgModule = defineModule({
  name: 'org',
  permissions: ['org.read', 'org.write', 'grid.roster.write'],
  errors: {
    GEOJSON_INVALID: {
      status: 400,
      zh: 'GeoJSON 文件有 {count} 处错误，未导入任何网格',
      en: 'The GeoJSON file has {count} errors; no grid was imported',
    },
    ORG_NOT_A_COMMUNITY: { status: 400, zh: '网格必须属于一个社区', en: 'A grid must belong to a community' },
    ORG_HAS_CHILDREN: { status: 409, zh: '该节点下还有下级，不能删除', en: 'This node still has children' },
    GRID_IN_USE: { status: 409, zh: '该网格下还有楼栋等数据，不能删除', en: 'Buildings or other records still belong to this grid' },
    DIVISION_UNKNOWN: { status: 404, zh: '行政区划代码 {code} 不存在', en: 'No administrative division has code {code}' },
  },
  routes: [orgRoutes, orgPublicRoutes],
  demo: loadOrgDemo,
  cli: registerOrgCommands,
});
