// The four case studies of seed 004. The year is the year of the study's text (the
// Jiaxing and Haidian teaching cases of 2020, the Xuanwu thesis of 2016; the Shanghai
// chapter reports 2013 figures).
import { practicesOf } from './build.ts';

export const caseStudies = [
  ...practicesOf('case_study', 2020, [
    {
      seq: 1, slug: 'jiaxing', title: '党政主导、部门推动、三社互动：基层社会治理创新的嘉兴模式', titleEn: 'The Jiaxing model of three-party community work',
      placeName: '浙江省嘉兴市', divisionCode: '330400', submitter: '教学案例',
      themes: ['three_social', 'workforce', 'purchased_services', 'smart_community'],
      summary: '嘉兴在全国地市中率先设立市委社会工作委员会，市县镇三级都有社会工作机构，以社区为基础、社团为载体、社工为骨干开展服务。96345 社会公共服务平台全天候受理居民求助，连接数百项服务和大量社工机构。',
      summaryEn: 'Jiaxing runs community work through a party social-work committee, social organisations and the round-the-clock 96345 service line.',
      also: ['hotline', 'cases'],
    },
    {
      seq: 4, slug: 'haidian', title: '深化社会体制改革推动社会治理创新', titleEn: 'Haidian’s grid-based social governance reform',
      placeName: '北京市海淀区', divisionCode: '110108', submitter: '教学案例',
      themes: ['grid_management', 'evaluation', 'smart_community'],
      summary: '海淀区把城市管理网格、社会服务网格和热线等系统融为“一网一线一平台”，把部门、街镇和协管力量下沉到三级网格并实名公示。问题按社区微循环、街镇小循环、区级大循环分级处置，从采集、立案、派遣到核查结案形成闭环，并实行条块双向考核和第三方满意度评价。',
      summaryEn: 'Haidian merged its grids and hotlines, publishes who serves each grid, and closes every case in tiers with two-way assessment.',
      also: ['public_roster', 'supervision', 'hotline'],
    },
  ]),
  ...practicesOf('case_study', 2016, [
    {
      seq: 2, slug: 'xuanwu', title: '城市基层社会治理创新：南京市玄武区“五个中心”建设', titleEn: 'Nanjing Xuanwu’s five street centres',
      placeName: '江苏省南京市玄武区', divisionCode: '320102', submitter: '东南大学公共管理硕士学位论文',
      themes: ['public_service', 'burden_reduction', 'party_building'],
      summary: '玄武区以街道为中心重组职能，按模块整合为区域党建、政法综治、民生服务、经济发展服务和城市建设管理五个中心。改革走扁平化、专业化、去行政化的方向，精简机构并转变街道职能。',
      summaryEn: 'Xuanwu reorganised each street office into five service centres to flatten and professionalise its work.',
      also: ['cases'],
    },
  ]),
  ...practicesOf('case_study', 2013, [
    {
      seq: 3, slug: 'shanghai', title: '社会组织与社会治理创新：以上海为例', titleEn: 'Social organisations in Shanghai’s governance',
      placeName: '上海市', divisionCode: '310000', submitter: '研究报告',
      themes: ['social_organisations', 'volunteering', 'purchased_services'],
      summary: '这篇研究梳理了上海社会团体、民办非企业单位和基金会的构成、从业人员和财务的变化。文中记录了支持性组织、专业社工机构、社区服务机构、社会企业和社区志愿者团体等新形态，以及它们参与社会治理的方式。',
      summaryEn: 'A study of how Shanghai’s social organisations changed and the new forms through which they take part in governance.',
    },
  ]),
].sort((a, b) => a.seq - b.seq);
