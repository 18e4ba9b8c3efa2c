/**
 * Sentences for test/curate/discover-entities.test.ts, written for these tests (funding-flash style, not
 * taken from articles). Each case: the text and every proposal expected, as "type:name" (name_zh, else name_en),
 * in order of first occurrence. `cue` names what the case covers.
 */
export interface DiscoveryCase {
  cue: string
  text: string
  expected: string[]
}

const o = (name: string) => `organization:${name}`
const p = (name: string) => `person:${name}`
const d = (name: string) => `product:${name}`

export const CASES: DiscoveryCase[] = [
  // organization suffixes
  { cue: 'suffix 科技', text: '卡方科技今天发布了年度报告。', expected: [o('卡方科技')] },
  { cue: 'suffix 有限公司', text: '北京卡方数据有限公司注册资本为一千万元。', expected: [o('北京卡方数据有限公司')] },
  { cue: 'suffix 股份有限公司', text: '据悉，星河动力股份有限公司计划明年上市。', expected: [o('星河动力股份有限公司')] },
  { cue: 'suffix 集团', text: '昨日，远望集团宣布进军储能行业。', expected: [o('远望集团')] },
  { cue: 'suffix 资本', text: '这笔交易由晨曦资本独家完成。', expected: [o('晨曦资本')] },
  { cue: 'suffix 创投', text: '青松创投合伙人认为，市场仍在回暖。', expected: [o('青松创投')] },
  { cue: 'suffix 基金', text: '国家中小企业发展基金参与了这次增资。', expected: [o('国家中小企业发展基金')] },
  { cue: 'suffix 银行', text: '该项目获得了浦东发展银行的贷款支持。', expected: [o('浦东发展银行')] },
  { cue: 'suffix 研究院', text: '团队来自北辰人工智能研究院。', expected: [o('北辰人工智能研究院')] },
  { cue: 'suffix 实验室', text: '论文由星海实验室的研究人员撰写。', expected: [o('星海实验室')] },
  { cue: 'suffix 大学', text: '他毕业于南江大学计算机系。', expected: [o('南江大学')] },
  { cue: 'suffix 证券', text: '分析师来自东海证券。', expected: [o('东海证券')] },
  { cue: 'suffix 控股', text: '公告显示，蓝鲸控股持有该公司三成股份。', expected: [o('蓝鲸控股')] },
  { cue: 'suffix 投资', text: '华兴新经济投资参与了本轮融资。', expected: [o('华兴新经济投资')] },
  { cue: 'suffix 资管', text: '合作方为银杏资管。', expected: [o('银杏资管')] },
  { cue: 'suffix 医疗', text: '深蓝医疗推出了新的影像设备。', expected: [o('深蓝医疗')] },
  { cue: 'suffix 智能', text: '地平面智能宣布与多家车企合作。', expected: [o('地平面智能')] },
  { cue: 'suffix 汽车', text: '极光汽车上个月交付了一万辆新车。', expected: [o('极光汽车')] },
  { cue: 'suffix 网络', text: '奇点网络的用户数增长很快。', expected: [o('奇点网络')] },
  { cue: 'suffix 传媒', text: '山海传媒旗下有三家工作室。', expected: [o('山海传媒')] },
  { cue: 'suffix after Latin letters', text: '本轮融资中，IDG资本继续加码。', expected: [o('IDG资本')] },
  { cue: 'suffix 公司 kept as an alias', text: '雾凇公司今年扭亏为盈。', expected: [o('雾凇')] },
  { cue: 'traditional 集團', text: '港股上市公司天天果園集團宣佈擴大業務。', expected: [o('天天果园集团')] },
  { cue: 'traditional 資本 and 創投', text: '據悉，雲杉資本與北極創投共同出資。', expected: [o('云杉资本'), o('北极创投')] },
  { cue: 'traditional 銀行 and 證券', text: '星島銀行和東亞證券發布了聯合報告。', expected: [o('星岛银行'), o('东亚证券')] },
  { cue: 'traditional 基金 and 控股', text: '橡樹基金已出售所持有的海嘯控股股份。', expected: [o('橡树基金'), o('海啸控股')] },
  { cue: 'traditional 科技', text: '佳音科技昨日在香港交易所掛牌。', expected: [o('佳音科技'), o('香港交易所')] },
  // quoted names
  { cue: 'quoted “…”', text: '这家名为“卡方科技”的初创企业成立于2020年。', expected: [o('卡方科技')] },
  { cue: 'quoted 「…」', text: '由「晴空智能」開發的系統已經上線。', expected: [o('晴空智能')] },
  // Latin names
  { cue: 'latin one word', text: '当天，Anthropic也发表了声明。', expected: [o('Anthropic')] },
  { cue: 'latin with AI', text: '投资人认为Zhipu AI的估值偏高。', expected: [o('Zhipu AI')] },
  { cue: 'latin with digits', text: '这轮融资吸引了a16z的注意。', expected: [o('a16z')] },
  { cue: 'latin three words', text: '据报道，Sequoia Capital China已经拆分。', expected: [o('Sequoia Capital China')] },
  // gloss
  { cue: 'gloss in parentheses', text: '亚马逊云科技(AWS)宣布在上海新建数据中心。', expected: [o('亚马逊云科技')] },
  { cue: 'gloss in full-width parentheses, traditional', text: '亞馬遜雲科技（AWS）宣佈在台北設立辦公室。', expected: [o('亚马逊云科技')] },
  { cue: 'gloss without a suffix', text: '月之暗面(Moonshot AI)完成新一轮融资。', expected: [o('月之暗面')] },
  // investor lists
  {
    cue: 'funding flash',
    text: '智谱AI完成B轮融资，由红杉中国领投，高瓴资本、IDG资本跟投。',
    expected: [o('智谱AI'), o('红杉中国'), o('高瓴资本'), o('IDG资本')],
  },
  { cue: '由…领投 with two names', text: '本轮融资由启明创投和五源资本联合领投。', expected: [o('启明创投'), o('五源资本')] },
  { cue: '由…领投 without suffixes', text: '本轮由红杉中国与经纬中国共同领投。', expected: [o('红杉中国'), o('经纬中国')] },
  { cue: '跟投 list with 和', text: '蓝湖资本、北极光和源码跟投。', expected: [o('蓝湖资本'), o('北极光'), o('源码')] },
  { cue: '参投 list with 及', text: '老虎环球及君联参投。', expected: [o('老虎环球'), o('君联')] },
  { cue: '投资方包括 … 等', text: '投资方包括高榕、金沙江以及华登国际等。', expected: [o('高榕'), o('金沙江'), o('华登国际')] },
  { cue: '老股东 … 继续跟投', text: '老股东顺为和明势继续跟投。', expected: [o('顺为'), o('明势')] },
  { cue: '获 … 投资 (recipient)', text: '星尘机器人获数千万元天使轮投资。', expected: [o('星尘机器人')] },
  { cue: 'recipient with 宣布完成', text: '近日，云鲸宣布完成C轮融资。', expected: [o('云鲸')] },
  // people
  { cue: 'transliteration', text: '杰森·黄在发布会上展示了新芯片。', expected: [p('杰森·黄')] },
  { cue: 'transliteration, three parts', text: '约翰·菲茨杰拉德·肯尼迪的演讲被反复引用。', expected: [p('约翰·菲茨杰拉德·肯尼迪')] },
  { cue: 'title 创始人兼CEO', text: '创始人兼CEO王小川表示，公司会继续招聘。', expected: [p('王小川')] },
  { cue: 'title 董事长', text: '远望集团董事长李明称，业绩符合预期。', expected: [o('远望集团'), p('李明')] },
  { cue: 'title 联合创始人', text: '联合创始人赵静透露，新产品将在年底推出。', expected: [p('赵静')] },
  { cue: 'title 首席执行官', text: '首席执行官陈东坡在信中感谢员工。', expected: [p('陈东坡')] },
  { cue: 'title 总裁', text: '总裁孙悦出席了签约仪式。', expected: [p('孙悦')] },
  { cue: 'title 合伙人', text: '晨曦资本合伙人周正认为估值合理。', expected: [o('晨曦资本'), p('周正')] },
  { cue: 'title CEO with a Latin name', text: '对此，CEO Dario Amodei回应称并无此事。', expected: [p('Dario Amodei')] },
  { cue: 'compound surname', text: '欧阳明远表示，这只是第一步。', expected: [p('欧阳明远')] },
  { cue: 'speech 表示, two characters', text: '对此，张三表示不予置评。', expected: [p('张三')] },
  { cue: 'speech 透露', text: '刘海峰透露，团队已经扩大到三百人。', expected: [p('刘海峰')] },
  { cue: 'speech 称', text: '另据知情人士称，黄蓉称交易仍在谈判中。', expected: [p('黄蓉')] },
  // products
  { cue: 'product 推出 + Latin', text: '去年，卡方科技推出Kimi Chat。', expected: [o('卡方科技'), d('Kimi Chat')] },
  { cue: 'product 发布 + quotes', text: '百度发布“文心一言”。', expected: [d('文心一言')] },
  { cue: 'product 推出了 + quotes', text: '公司推出了全新的“灵犀助手”。', expected: [d('灵犀助手')] },
  { cue: 'product 上线 + Latin after a description', text: '平台上线了视频生成模型Vidu。', expected: [d('Vidu')] },
  { cue: 'product cue with a known name', text: '2022年11月，OpenAI推出ChatGPT。', expected: [] },
  // longest wins
  { cue: 'longest wins over a known name', text: '亚马逊云科技的收入增长了。', expected: [o('亚马逊云科技')] },
  { cue: 'longest wins: 有限公司 over 科技', text: '上海卡方科技有限公司成立于2018年。', expected: [o('上海卡方科技有限公司')] },
  // stripping
  { cue: 'strip 获 and 由', text: '该项目获远望集团支持，由晨曦资本管理。', expected: [o('远望集团'), o('晨曦资本')] },
  { cue: 'strip 旗下 and 对', text: '远望集团旗下星海科技对北斗基金开放了数据。', expected: [o('远望集团'), o('星海科技'), o('北斗基金')] },
  { cue: 'strip 向 and 与', text: '卡方科技向云杉资本出售股份，并与东海证券合作。', expected: [o('卡方科技'), o('云杉资本'), o('东海证券')] },
  { cue: 'strip 据 and 的', text: '据星海实验室的数据，用户增长放缓。', expected: [o('星海实验室')] },
  { cue: 'strip trailing 等', text: '投资方包括启明创投、五源资本等。', expected: [o('启明创投'), o('五源资本')] },
  // not names
  { cue: 'not 该公司 / 这家公司', text: '该公司表示，这家公司将继续亏损。', expected: [] },
  { cue: 'not 本基金 / 多家机构', text: '本基金已与多家机构签约。', expected: [] },
  { cue: 'not 投资方 / 老股东', text: '投资方和老股东都没有回应。', expected: [] },
  { cue: 'not dates and amounts', text: '2024年3月5日，公司获得了2.5亿元人民币融资。', expected: [] },
  { cue: 'not generic 科技 / 人工智能', text: '人工智能和金融科技是今年的热点，科技公司纷纷布局。', expected: [] },
  { cue: 'not generic investment words', text: '战略投资和风险投资都在增加，上市公司也在观望。', expected: [] },
  { cue: 'not AI公司 / 互联网公司', text: '越来越多的AI公司和互联网公司开始合作。', expected: [] },
  { cue: 'not titles, rounds or units alone', text: '公司CEO称A轮融资已完成，金额为500万USD。', expected: [] },
  { cue: 'not pronouns before 表示', text: '他表示，我们对此表示欢迎。', expected: [] },
  { cue: 'not a known person', text: '特斯拉CEO埃隆·马斯克表示将出席。', expected: [] },
  { cue: 'not known names with 公司', text: '微软公司和OpenAI公司签署了协议。', expected: [] },
  { cue: 'not 科技型公司 / 实体公司', text: '很多科技型公司会设立一家独立的实体公司。', expected: [] },
  { cue: 'not 各种应用软件 / 聊天机器人', text: '市场上出现了各种应用软件和对话聊天机器人。', expected: [] },
  { cue: 'not 科技名人', text: '几位亿万富翁科技名人公开表态。', expected: [] },
  { cue: 'not investment as a verb', text: '晨曦资本投资了这家企业，投资人也很满意。', expected: [o('晨曦资本')] },
  // appositive descriptors: the name follows the category noun
  { cue: 'appositive 企业', text: '储能材料企业岚石科技完成新一轮融资。', expected: [o('岚石科技')] },
  { cue: 'appositive 公司 before a suffix name', text: '农业无人机公司禾风智能推出了新机型。', expected: [o('禾风智能')] },
  { cue: 'appositive 初创企业 without a suffix', text: '语音大模型初创企业澄言宣布完成天使轮融资。', expected: [o('澄言')] },
  { cue: 'appositive 服务商', text: '跨境支付服务商汇桥科技获得5000万元投资。', expected: [o('汇桥科技')] },
  { cue: 'appositive 方案商', text: '激光雷达方案商镜湖智能近日完成B轮融资。', expected: [o('镜湖智能')] },
  { cue: 'appositive 车企', text: '氢能重卡车企擎川汽车公布了交付计划。', expected: [o('擎川汽车')] },
  { cue: 'appositive 厂商', text: '国产GPU厂商芯岳半导体宣布扩产。', expected: [o('芯岳半导体')] },
  { cue: 'appositive 初創, traditional', text: '本地生物科技初創晴嵐醫療完成新一輪融資。', expected: [o('晴岚医疗')] },
  { cue: 'appositive 独角兽', text: '物流独角兽穹顶科技计划赴港上市。', expected: [o('穹顶科技')] },
  { cue: 'appositive 公司 before a Latin name', text: '总部位于芬兰的储能公司Nordvolt获得新投资。', expected: [o('Nordvolt')] },
  { cue: 'not descriptor + 公司 alone', text: '一家手术机器人公司和一家工业软件公司都在招人。', expected: [] },
  { cue: 'not descriptor + 初创公司 alone', text: '多家具身智能初创公司正在寻找新的投资。', expected: [] },
  { cue: 'not a descriptor: 中小企业 inside a name', text: '江东中小企业发展基金宣布设立新子基金。', expected: [o('江东中小企业发展基金')] },
  { cue: 'not a market after 面向', text: '公司面向户外机器人提供感知模组。', expected: [] },
  { cue: 'not a thing after 的', text: '星桥医疗的腔镜手术机器人已经获批。', expected: [o('星桥医疗')] },
  // verbs and reporting words glued to names
  { cue: 'verb 独家投资 after a name', text: '本轮由松岩资本独家投资。', expected: [o('松岩资本')] },
  { cue: 'reporting 传 before a lead', text: '据悉，该公司传获岱山创投领投。', expected: [o('岱山创投')] },
  { cue: 'reporting 传 before a name with a suffix', text: '市场传鹤鸣资本领投本轮。', expected: [o('鹤鸣资本')] },
  { cue: 'reporting 消息指 before a recipient', text: '消息指青禾智能獲得新一輪融資。', expected: [o('青禾智能')] },
  { cue: 'not 亦有 in a follow list', text: '此前的投资方亦有跟投。', expected: [] },
  { cue: 'not a verb before a lab', text: '他离开高校实验室后创立了朗月机器人。', expected: [o('朗月机器人')] },
  // investor lists
  { cue: 'investor list before 等 and 参与了本轮投资', text: '京东、美团、快手等互联网企业参与了本轮投资。', expected: [o('京东'), o('美团'), o('快手')] },
  { cue: 'investor list, traditional, before 等', text: '投資方包括京東、美團及快手等互聯網巨企。', expected: [o('京东'), o('美团'), o('快手')] },
  {
    cue: 'glued investor list cut into names named elsewhere',
    text: '融资 京东美团快手参投\n投资方包括京东集团、美团和快手。',
    expected: [o('京东'), o('美团'), o('快手'), o('京东集团')],
  },
  { cue: 'glued list with no names elsewhere stays one item', text: '京东美团快手参投。', expected: [o('京东美团快手')] },
  { cue: 'shareholders before 持有', text: '該廠由鴻圖控股，松下和日立也持有少量股份。', expected: [o('鸿图'), o('松下'), o('日立')] },
  // people
  { cue: 'founder 由…创立', text: '禾风智能成立于2020年，由韩立诚创立。', expected: [o('禾风智能'), p('韩立诚')] },
  { cue: 'founder 由…創辦, traditional', text: '該公司由陳嘉欣創辦。', expected: [p('陈嘉欣')] },
  { cue: 'title 董事长, traditional', text: '董事長龔振邦表示，集團會繼續擴張。', expected: [p('龚振邦')] },
  { cue: 'title 联合创始人 + two characters', text: '联合创始人宋芸负责产品。', expected: [p('宋芸')] },
  { cue: 'employer before a former title', text: '公司由网易前首席技术官汪澜创立。', expected: [o('网易'), p('汪澜')] },
  { cue: 'speech 介绍', text: '对此，郑一凡介绍，新工厂将在明年投产。', expected: [p('郑一凡')] },
  { cue: 'not a founder without a surname', text: '该项目由政府创立。', expected: [] },
  { cue: 'not 全资 glued to an owner', text: '青柠科技由远望集团全资持有。', expected: [o('青柠科技'), o('远望集团')] },
  { cue: 'not a count of investments', text: '本月共有三笔投资落地。', expected: [] },
  { cue: 'founder with a date and a place before 创立', text: '禾风智能由韩立诚于2017年在合肥创立。', expected: [o('禾风智能'), p('韩立诚')] },
  { cue: 'founder with a month, traditional', text: '該公司由鄭嘉樂於2021年6月創立。', expected: [p('郑嘉乐')] },
  { cue: 'appointment 由…接任', text: '原负责人离任后，由许安然接任首席财务官。', expected: [p('许安然')] },
  { cue: 'appointment 任命…出任', text: '董事会任命孔令文出任总裁。', expected: [p('孔令文')] },
  { cue: 'surname 陆 (a financial numeral to foldText)', text: '陆雨桐表示，新品将在秋季上市。', expected: [p('陆雨桐')] },
  { cue: 'not the numeral 六 before 表示', text: '六成受访者表示愿意尝试。', expected: [] },
  { cue: 'not 方面 before 表示 (公司方面表示: the company said)', text: '公司方面表示，暂不回应传闻。', expected: [] },
  // products
  { cue: 'product model glued to a brand', text: '禾风智能推出了植保无人机禾翼T3。', expected: [o('禾风智能'), d('禾翼T3')] },
  { cue: 'product model after 发布', text: '公司昨日发布岚影S5。', expected: [d('岚影S5')] },
  { cue: 'not a round name', text: '公司完成A1轮和B2轮融资。', expected: [] },
  { cue: 'not a weekday', text: '澄言於週二宣布完成融資。', expected: [o('澄言')] },
  { cue: 'not Pre-A', text: '这家公司刚刚完成Pre-A轮融资。', expected: [] },
  // institutions
  { cue: 'institution 大学 after 母校', text: '他回到母校东岭大学任教。', expected: [o('东岭大学')] },
  { cue: 'institution ministry with its country', text: '日本外务省当天发表声明。', expected: [o('日本外务省')] },
  { cue: 'institution ministry, short traditional form', text: '經產省表示將提供補貼。', expected: [o('经产省')] },
  { cue: 'institution exchange short name', text: '该公司计划在港交所上市。', expected: [o('港交所')] },
  { cue: 'institution bank', text: '项目获得了西江银行的授信。', expected: [o('西江银行')] },
]

/**
 * Held out: written after the rules, in one go, and never tuned against. Their precision and recall are
 * what the report quotes; the test asserts only a floor.
 */
export const HELD_OUT: DiscoveryCase[] = [
  { cue: 'held out', text: '深思科技完成数亿元B+轮融资，由达晨创投领投，老股东松禾资本追加投资。', expected: [o('深思科技'), o('达晨创投'), o('松禾资本')] },
  { cue: 'held out', text: '创始人兼董事长林一鸣表示，资金将用于研发。', expected: [p('林一鸣')] },
  { cue: 'held out', text: '“极客云”母公司宏图网络今年营收翻倍。', expected: [o('宏图网络')] },
  { cue: 'held out', text: '据了解，蓝色光标传媒与字节跳动签署了合作协议。', expected: [o('蓝色光标传媒'), o('字节跳动')] },
  { cue: 'held out', text: '星火医疗获得启明创投和礼来亚洲基金的联合投资。', expected: [o('星火医疗'), o('启明创投'), o('礼来亚洲基金')] },
  { cue: 'held out', text: '马克·扎克伯格称，Meta将继续投入元宇宙。', expected: [p('马克·扎克伯格'), o('Meta')] },
  { cue: 'held out', text: '阿里云发布了通义千问大模型。', expected: [o('阿里云'), d('通义千问')] },
  { cue: 'held out', text: '本次融资由高瓴创投领投，腾讯投资、美团龙珠跟投。', expected: [o('高瓴创投'), o('腾讯投资'), o('美团龙珠')] },
  { cue: 'held out', text: '首席科学家吴军指出，模型还需优化。', expected: [p('吴军')] },
  { cue: 'held out', text: '華潤銀行與招商證券簽署戰略合作協議。', expected: [o('华润银行'), o('招商证券')] },
  { cue: 'held out', text: 'Mistral AI宣布推出Le Chat。', expected: [o('Mistral AI'), d('Le Chat')] },
  { cue: 'held out', text: '这家公司的投资方包括多家知名机构。', expected: [] },
  { cue: 'held out', text: '2023年，全球人工智能投资总额超过500亿美元。', expected: [] },
  { cue: 'held out', text: '商汤科技(SenseTime)的股价当天上涨了5%。', expected: [o('商汤科技')] },
  { cue: 'held out', text: '联合创始人兼CTO郭伟说，团队已经有两百人。', expected: [p('郭伟')] },
  { cue: 'held out', text: '投资者包括淡马锡、软银愿景基金及贝恩资本。', expected: [o('淡马锡'), o('软银愿景基金'), o('贝恩资本')] },
  { cue: 'held out', text: '清华大学和北京智源人工智能研究院联合发布了报告。', expected: [o('清华大学'), o('北京智源人工智能研究院')] },
  { cue: 'held out', text: '小鹏汽车宣布，何小鹏将兼任总裁。', expected: [o('小鹏汽车'), p('何小鹏')] },
  { cue: 'held out', text: '近日，云从科技上线了“从容大模型”。', expected: [o('云从科技'), d('从容大模型')] },
  { cue: 'held out', text: '该基金的管理人是一家老牌券商。', expected: [] },
]
