// Community types → service packages (分类治理, after Yuhua's seven types): the service items
// and organisations each type suggests. Plain data; item codes are the demo catalogue's.
import type { CommunityType } from '../../org/index.ts';
import type { ServicePackage } from '../contract/packages.ts';

const item = (code: string, name: string) => ({ code, name });

// Every community offers these; each type adds what its residents most need.
const common = [item('RESIDENCE_CERT', '居住证明开具'), item('ELDER_ALLOWANCE', '高龄津贴申领'), item('DIBAO_APPLY', '最低生活保障申请'), item('TEMP_ASSIST', '临时救助申请')];

export const servicePackages: Record<CommunityType, ServicePackage> = {
  old_town: {
    communityType: 'old_town',
    items: [...common, item('DISABILITY_SUBSIDY', '残疾人两项补贴申请'), item('HOME_CARE', '居家养老服务申请'), item('OLD_BUILDING_LIFT', '老旧小区加装电梯申请')],
    organisations: ['社区养老服务站', '老年协会', '物业服务企业（准物业）', '志愿服务队'],
  },
  new_estate: {
    communityType: 'new_estate',
    items: [...common, item('CHILD_CARE', '托育服务登记'), item('VENUE_BOOKING', '社区活动场地预约'), item('VOLUNTEER_CERT', '志愿服务证明开具')],
    organisations: ['业主委员会', '物业服务企业', '青少年服务社会组织', '文体团队'],
  },
  work_unit: {
    communityType: 'work_unit',
    items: [...common, item('RETIREE_SERVICE', '退休人员社会化管理服务'), item('HOME_CARE', '居家养老服务申请')],
    organisations: ['单位离退休服务组织', '老年协会', '物业服务企业'],
  },
  mixed: {
    communityType: 'mixed',
    items: [...common, item('VENUE_BOOKING', '社区活动场地预约'), item('VOLUNTEER_CERT', '志愿服务证明开具'), item('DISABILITY_SUBSIDY', '残疾人两项补贴申请')],
    organisations: ['社区社会组织联合会', '志愿服务队', '物业服务企业'],
  },
  resettlement: {
    communityType: 'resettlement',
    items: [...common, item('EMPLOYMENT_REG', '就业失业登记'), item('MEDICAL_ASSIST', '医疗救助申请'), item('HOUSEHOLD_MOVE', '户籍迁入证明')],
    organisations: ['就业服务站', '社区股份经济合作社', '矛盾纠纷调解委员会'],
  },
  affordable_housing: {
    communityType: 'affordable_housing',
    items: [...common, item('EMPLOYMENT_REG', '就业失业登记'), item('MEDICAL_ASSIST', '医疗救助申请'), item('DISABILITY_SUBSIDY', '残疾人两项补贴申请'), item('HOUSING_SUBSIDY', '住房保障资格复核')],
    organisations: ['社会工作服务站', '就业服务站', '物业服务企业'],
  },
  commercial: {
    communityType: 'commercial',
    items: [...common, item('VENUE_BOOKING', '社区活动场地预约'), item('VOLUNTEER_CERT', '志愿服务证明开具')],
    organisations: ['商户联盟', '业主委员会', '物业服务企业'],
  },
};
