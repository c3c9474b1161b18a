// What the demo's cases are about and how their lives go: titles per subclass, how often
// each class is reported, which department handles it, and the random script of a case.
import { fakerZH_CN as faker } from '@faker-js/faker';
import type { CategoryRow } from '../schema.ts';
import type { CaseActor } from '../workflow.ts';
import { HOUR, type CaseRun, type Place } from './simulate.ts';

// What people report, per subclass: a few titles with the place filled in.
export const titles: Record<string, string[]> = {
  '0101': ['楼上漏水到楼下，协商未果', '邻居装修噪音扰民', '楼道公共区域被占用引发争执'],
  '0102': ['老人赡养问题家庭矛盾', '夫妻争吵需调解'],
  '0103': ['业主与物业就停车费发生纠纷', '物业费上涨业主不满'],
  '0104': ['装修工人被拖欠工资', '餐馆员工讨薪'],
  '0201': ['小区内有可疑人员徘徊', '夜间有人尝试开车门'],
  '0202': ['电动车电瓶被盗', '疑似电信诈骗宣传点'],
  '0203': ['出租房屋群租隔断', '地下室违规住人'],
  '0301': ['施工围挡倒塌', '夜间违规施工作业'],
  '0302': ['楼道有燃气味', '餐馆液化气瓶露天存放'],
  '0401': ['消防通道被车辆堵塞', '消防通道堆放杂物'],
  '0402': ['楼道飞线给电动车充电', '电动车停在楼道内充电'],
  '0403': ['灭火器过期', '消火栓箱损坏'],
  '0404': ['楼道堆放纸箱杂物', '单元门口堆放旧家具'],
  '0501': ['垃圾桶满溢无人清运', '路边堆放建筑垃圾', '小区门口垃圾成堆'],
  '0502': ['垃圾未分类投放', '厨余垃圾桶破损'],
  '0503': ['下水道堵塞污水外溢', '化粪池冒水'],
  '0504': ['公厕卫生差', '公厕洗手池损坏'],
  '0601': ['早市摊贩占道经营', '水果摊占用人行道', '夜市烧烤占道'],
  '0602': ['楼顶私搭乱建', '一层住户违建扩建'],
  '0603': ['电线杆小广告', '楼道乱贴乱画'],
  '0604': ['共享单车堆放堵路', '地铁口单车乱停'],
  '0701': ['路灯不亮', '路灯杆倾斜'],
  '0702': ['路面坑洼积水', '人行道砖松动'],
  '0703': ['井盖缺失', '井盖破损有安全隐患'],
  '0704': ['行道树倒伏', '绿地被踩踏破坏'],
  '0801': ['电梯故障停运', '电梯异响'],
  '0802': ['小区乱停车', '车位被长期占用'],
  '0803': ['物业保洁不到位', '门禁损坏物业不修'],
  '0804': ['外墙瓷砖脱落', '屋顶漏雨'],
  '0901': ['独居老人需要上门关怀', '高龄老人无人照看'],
  '0902': ['困难家庭申请救助', '低保申请咨询'],
  '0903': ['失业人员求职帮扶', '退役军人就业咨询'],
  '0904': ['居住证办理咨询', '养老服务政策咨询'],
  '1001': ['夜间施工噪声扰民', '广场舞音响过大'],
  '1002': ['餐馆油烟直排', '烧烤油烟扰民'],
  '1003': ['工地扬尘严重', '渣土车遗撒'],
  '1101': ['无证照小餐馆', '流动商贩无证经营'],
  '1102': ['超市销售过期食品', '学校周边食品安全问题'],
  '9901': ['建议增设健身器材', '建议增加公交站点'],
  '9999': ['其他需协调事项'],
};
// How often each class is reported (grid platforms see mostly environment and city order).
export const classWeights: Record<string, number> = { '01': 8, '02': 4, '03': 3, '04': 7, '05': 22, '06': 16, '07': 12, '08': 10, '09': 6, '10': 6, '11': 2, '99': 4 };
// Departments by the class they handle (matched on the demo departments' names).
export const deptForClass: Record<string, string> = {
  '02': '公安分局', '03': '应急管理局', '04': '应急管理局', '05': '城市管理委员会', '06': '城市管理委员会', '07': '城市管理委员会',
  '08': '住房和城乡建设委员会', '09': '民政局', '10': '生态环境局', '11': '市场监督管理局', '01': '民政局', '99': '城市管理委员会',
};

/** The random life of a case: mostly handled in time, some rejected, merged, returned, extended, suspended, reopened or late. */
export function randomScript(input: { category: CategoryRow; place: Place; handler: string; parent: string | null; reporterId: string | null; maxReopens: number }) {
  const { place, maxReopens } = input;
  const r = () => faker.number.int({ max: 99 });
  return (run: CaseRun): void => {
    const { wait, step } = run;
    const { community, street, hotline, leader, reporter, verifier, of } = run.actors;
    run: {
      if (!wait(r() < 85 ? 0.5 + r() / 40 : 3 + r() / 10)) break run;
      if (input.parent && step('merge', hotline, { parentCaseId: input.parent, reason: '同一问题重复上报' })) break run;
      if (r() < 4) {
        step('reject', community, { reason: faker.helpers.arrayElement(['不属于受理范围', '信息不全，无法核实', '已由其他渠道处理']) });
        break run;
      }
      step('accept', community);
      if (!wait(0.2 + r() / 100)) break run;
      step('register', community);
      let dispatcher: CaseActor = community;
      if (input.category.defaultMatterClass === 'government' && r() < 4) {
        if (!wait(2)) break run;
        step('escalate', community, { reason: '需街道协调多部门', targetUnitId: place.streetCode });
        if (!wait(1)) break run;
        dispatcher = street;
      }
      for (let round = 0; round < 3; round++) {
        if (!wait(0.5 + r() / 50)) break run;
        const target = input.handler;
        step('dispatch', dispatcher, { targetUnitId: target, ...(r() < 10 && target !== place.gridCode ? { coUnitIds: [place.gridCode] } : {}) });
        const unit = of(target);
        if (!wait(1 + r() / 20)) break run;
        if (unit.role === 'department_handler' && r() < 4 && round === 0) {
          step('return', unit, { reason: '非本单位职责，请重新派遣' });
          continue;
        }
        step('acknowledge', unit);
        if (r() < 5) {
          if (!wait(4)) break run;
          step('request_extension', unit, { extension: { unit: 'working_days', amount: 2 }, reason: '需协调产权单位' });
          if (!wait(2)) break run;
          step('approve_extension', dispatcher);
        }
        if (r() < 2) {
          if (!wait(3)) break run;
          step('suspend', dispatcher, { reason: '等待鉴定结果' });
          if (!wait(20 + r())) break run;
          step('resume', dispatcher);
        }
        if (r() < 3) step('supervise', leader, { supervisionLevel: 'ordinary', text: '请抓紧办理' });
        // Most cases are handled within the limit; some take longer and go overdue.
        const limitHours = run.stage ? Math.max(1, (run.sla().deadlineAt?.getTime() ?? run.at.getTime()) - run.at.getTime()) / HOUR : 8;
        const work = r() < 9 ? 40 + r() : Math.min(limitHours * 0.4, 3 + r() / 3);
        if (!wait(work)) break run;
        step('feedback', unit, { text: faker.helpers.arrayElement(['已现场处置完毕', '已协调清理完毕', '已维修恢复', '已调解，双方达成一致', '已约谈整改']), photos: ['demo-photo'] });
        if (!wait(1 + r() / 25)) break run;
        if (r() < 6) {
          step('verify_fail', verifier, { reason: '现场核查问题仍存在' });
          if (!wait(6)) break run;
          step('feedback', unit, { text: '已再次处置', photos: ['demo-photo'] });
          if (!wait(2)) break run;
        }
        step('verify_pass', verifier, { text: '现场核查已解决' });
        if (!input.reporterId || r() < 10) break run;
        if (!wait(2 + r() / 10)) break run;
        const rating = faker.helpers.weightedArrayElement([{ value: 'satisfied' as const, weight: 80 }, { value: 'basically_satisfied' as const, weight: 13 }, { value: 'unsatisfied' as const, weight: 7 }]);
        step('rate', reporter, { rating });
        if (rating !== 'unsatisfied' || run.snapshot.reopenCount >= maxReopens) break run;
        step('reopen', reporter, { reason: '问题未彻底解决' });
      }
    }
  };
}
