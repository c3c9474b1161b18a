// Community types → service packages (分类治理, after Yuhua's seven types): the service items
// and organisations each type suggests. Plain data; item codes are the demo catalogue's (an item
// no catalogue holds, such as 老旧小区加装电梯, shows as a gap).
import type { CommunityType } from '../../org/index.ts';
import type { ServicePackage } from '../contract/packages.ts';

const item = (code: string, name: string) => ({ code, name });

// Every community offers these; each type adds what its residents most need.
const common = [item('GZ-ZM-001', '居住证明开具'), item('GZ-GL-001', '高龄津贴申领'), item('GZ-DB-001', '最低生活保障申请'), item('GZ-LS-001', '临时救助申请')];

export const servicePackages: Record<CommunityType, ServicePackage> = {
  old_town: {
    communityType: 'old_town',
    items: [...common, item('GZ-CJ-001', '残疾人两项补贴申请'), item('GZ-YL-002', '居家养老服务申请'), item('OLD_BUILDING_LIFT', '老旧小区加装电梯申请')],
    organisations: ['社区养老服务站', '老年协会', '物业服务企业（准物业）', '志愿服务队'],
  },
  new_estate: {
    communityType: 'new_estate',
    items: [...common, item('GZ-FW-010', '托育服务登记'), item('GZ-FW-001', '社区活动场地预约'), item('GZ-ZM-003', '志愿服务证明开具')],
    organisations: ['业主委员会', '物业服务企业', '青少年服务社会组织', '文体团队'],
  },
  work_unit: {
    communityType: 'work_unit',
    items: [...common, item('RETIREE_SERVICE', '退休人员社会化管理服务'), item('GZ-YL-002', '居家养老服务申请')],
    organisations: ['单位离退休服务组织', '老年协会', '物业服务企业'],
  },
  mixed: {
    communityType: 'mixed',
    items: [...common, item('GZ-FW-001', '社区活动场地预约'), item('GZ-ZM-003', '志愿服务证明开具'), item('GZ-CJ-001', '残疾人两项补贴申请')],
    organisations: ['社区社会组织联合会', '志愿服务队', '物业服务企业'],
  },
  resettlement: {
    communityType: 'resettlement',
    items: [...common, item('GZ-JYE-001', '就业失业登记'), item('GZ-YL-001', '医疗救助申请'), item('HOUSEHOLD_MOVE', '户籍迁入证明')],
    organisations: ['就业服务站', '社区股份经济合作社', '矛盾纠纷调解委员会'],
  },
  affordable_housing: {
    communityType: 'affordable_housing',
    items: [...common, item('GZ-JYE-001', '就业失业登记'), item('GZ-YL-001', '医疗救助申请'), item('GZ-CJ-001', '残疾人两项补贴申请'), item('GZ-ZF-001', '住房保障资格复核')],
    organisations: ['社会工作服务站', '就业服务站', '物业服务企业'],
  },
  commercial: {
    communityType: 'commercial',
    items: [...common, item('GZ-FW-001', '社区活动场地预约'), item('GZ-ZM-003', '志愿服务证明开具')],
    organisations: ['商户联盟', '业主委员会', '物业服务企业'],
  },
};
