// 2013年度中国社区治理十大创新成果 and its nominees (seed 001, a magazine report in
// traditional characters). The report names only the first winner (“四位一体”社区减负增效
// 治理改革) and one of the five nominees (“2+N”); the other winners' titles below are the
// report's own words for each practice. It names no place for the nominee.
import { practicesOf } from './build.ts';

export const topTen2013 = practicesOf('top_ten_2013', 2013, [
  {
    seq: 1, title: '“四位一体”社区减负增效治理改革', titleEn: 'Four-way relief of community burdens',
    placeName: '江苏南京', divisionCode: '320100',
    themes: ['burden_reduction', 'smart_community', 'purchased_services'],
    summary: '南京以市委市政府名义出台社区减负规定，取消了一批下派任务、评比、机构和台账，并把行政事务收回街道中心。智慧社区平台让台账统一、部门共享，数据一次采集、多方使用。',
    summaryEn: 'Nanjing cancelled tasks, ratings and ledgers pushed onto communities and shares data collected once.',
    also: ['ledger_import', 'residents'],
  },
  {
    seq: 2, title: '街镇社区事务受理服务中心', titleEn: 'Street service centres for community affairs',
    placeName: '上海市徐汇区', divisionCode: '310104',
    themes: ['public_service', 'smart_community'],
    summary: '徐汇区在每个街镇设社区事务受理服务中心，统一服务事项、流程和软件，做到一门办理、一口受理、全年无休和部分事项全区通办。之后又试点自助查询、办理进度公开和主动推送。',
    summaryEn: 'Xuhui’s street centres accept community affairs at one counter, all year, with progress visible to applicants.',
  },
  {
    seq: 3, title: '党政群共商共治工程', titleEn: 'Party, government and residents deciding together',
    placeName: '北京朝阳', divisionCode: '110105',
    themes: ['consultation', 'needs_discovery', 'evaluation'],
    summary: '朝阳区各街道通过座谈、问卷、入户和网络问政向居民征集实事项目，由专家、人大代表和居民评审立项。项目全程督办，并由第三方评价绩效和满意度。',
    summaryEn: 'Chaoyang (Beijing) asks residents which projects to do, has them reviewed, tracked and evaluated by third parties.',
  },
  {
    seq: 4, title: '以“微”治理激活社区自治', titleEn: 'Small wishes, small projects, small organisations',
    placeName: '福建厦门', divisionCode: '350200',
    themes: ['needs_discovery', 'self_governance', 'grid_management'],
    summary: '厦门从居民的微心愿、微项目、微行动入手，引导居民组建同驻共建理事会等自治组织。社区两委成员下沉到网格，另设议事、外来人口服务和信息互动平台。',
    summaryEn: 'Xiamen starts from residents’ small wishes and projects, with committee members working in grids.',
  },
  {
    seq: 5, title: '碑林智慧社区', titleEn: 'Beilin smart community',
    placeName: '陕西西安碑林', divisionCode: '610103',
    themes: ['smart_community', 'grid_management', 'service_circle'],
    summary: '碑林区在“一院一图、一户一档、一格三员”网格化管理的基础上建设智慧社区系统，以房管人、以人管事。系统整合九类便民信息，形成十分钟便民生活圈，居民也可通过电话与网络求助。',
    summaryEn: 'Beilin built a smart-community system on top of its grid management and household files.',
    also: ['housing', 'residents', 'hotline'],
  },
  {
    seq: 6, title: '社区居民议事会与多元共治', titleEn: 'Residents’ councils and plural governance',
    placeName: '深圳罗湖', divisionCode: '440303',
    themes: ['consultation', 'three_social', 'party_building'],
    summary: '罗湖区在全部社区成立居民议事会，把居民最关心的问题纳入议事范围，并开展社区公益服务项目。区里以党建引领流动人口融入，探索社区、社会组织、社工三社联动。',
    summaryEn: 'Luohu set up a residents’ council in every community and links communities, organisations and social workers.',
  },
  {
    seq: 7, title: '“四位一体”新型社区管理体制', titleEn: 'A four-part community management system',
    placeName: '河南焦作解放区', divisionCode: '410802',
    themes: ['party_building', 'self_governance', 'social_organisations'],
    summary: '焦作市解放区把社区党工委、居委会、公共服务中心和社会组织服务中心组成一体的社区管理体制。居民通过网格理事会、楼院议事小组、业主自治等多种方式参与自治。',
    summaryEn: 'Jiefang district joined four community bodies into one system and layered residents’ self-governance.',
  },
  {
    seq: 8, title: '和谐社区建设“七大系统”与“十大体系”', titleEn: 'Harmonious communities through structural reform',
    placeName: '辽宁沈阳', divisionCode: '210100',
    themes: ['party_building', 'public_service', 'burden_reduction'],
    summary: '沈阳设立群众工作部门，推行功能区管理，把区街社区三级流转改为市民服务中心一门式办结。同时建立社区工作准入机制、规范社区制度，并加大社区投入。',
    summaryEn: 'Shenyang reorganised community work so citizens’ matters are settled at one service centre, with an admission list.',
  },
  {
    seq: 9, title: '“8+X”便民服务平台与社区环境改造', titleEn: 'The “8+X” service platform and neighbourhood renewal',
    placeName: '江西吉安', divisionCode: '360800',
    themes: ['service_circle', 'public_service', 'grid_management'],
    summary: '吉安连续三年综合改造无物业管理的老旧小区，铺路、修下水、装路灯。各社区以“8+X”建设便民服务平台，形成区、街道、社区三级便民服务网络，并健全网格化管理。',
    summaryEn: 'Ji’an renewed old estates and built a three-level “8+X” convenience service network.',
  },
  {
    seq: 10, title: '“幸福村落”创建', titleEn: 'Happy hamlets',
    placeName: '湖北省秭归县', divisionCode: '420527',
    themes: ['rural_community', 'self_governance', 'party_building'],
    summary: '秭归县按自然村落把全县划成约两千个村落，每个村落设党小组和由“一长八员”组成的理事会，成员义务履职。县财政以奖代补，公益建设通过“一事一议”推进。',
    summaryEn: 'Zigui split villages into hamlets run by volunteer councils of one head and eight members.',
  },
]);

export const nominees2013 = practicesOf('nominee_2013', 2013, [
  {
    seq: 1, slug: '2-plus-n', title: '“2+N”社区治理服务新机制', titleEn: 'The “2+N” community governance and service mechanism',
    placeName: '未载明', divisionCode: null,
    themes: ['public_service'],
    summary: '2013 年度提名成果之一。种子文件只记载了它的名称，未载明地点和具体做法，待补充。',
    summaryEn: 'A 2013 nominee; the seed records only its name, not its place or content.',
  },
]);
