// Words of line roles that more than one stage reads: clean marks the lines, structure reads what they held.

/** A writer's credit before a name: 文/张三, 作者：李四. */
export const WRITER_PREFIX = /^(文|作者)\s*[/／:：]\s*/u;

/** Labels of a column of briefs (not a commentary column): 简讯, 快讯, 图片新闻 … */
export const BRIEFS_COLUMN =
  /^[■□●◆]?\s*(简讯|短讯|快讯|要闻简报|一句话新闻|图片新闻|综合新闻|[\p{Script=Han}]{0,4}(简讯|快讯|速览|速递|简报|动态|集锦))$/u;

/**
 * Words of the reader's interface that e-paper readers and portal templates print around an article: buttons,
 * widgets, counters, navigation. A token made only of these (and of the joiners below) is furniture, not text.
 */
export const INTERFACE_WORDS: readonly string[] = [
  // font-size and display widgets
  '放大',
  '缩小',
  '默认',
  '还原',
  '字号',
  '字体',
  '大字',
  '小字',
  '大',
  '中',
  '小',
  '大图',
  '原图',
  '高清',
  // print, close, share, collect
  '打印',
  '关闭',
  '窗口',
  '分享',
  '转发',
  '收藏',
  '点赞',
  '复制',
  '链接',
  '二维码',
  '扫一扫',
  '扫码',
  '打开',
  '微信',
  '微博',
  '朋友圈',
  '空间',
  // reading aids and counters
  '评论',
  '跟帖',
  '留言',
  '点击',
  '阅读',
  '浏览',
  '朗读',
  '语音',
  '播放',
  '播报',
  '听新闻',
  '广告',
  '收听',
  '字数',
  '次数',
  '人次',
  '热度',
  '阅读量',
  '点击量',
  '访问量',
  '浏览量',
  // navigation
  '返回',
  '回到',
  '顶部',
  '首页',
  '主页',
  '目录',
  '导航',
  '导读',
  '标题',
  '详情',
  '内容',
  '正文',
  '全文',
  '原文',
  '当前',
  '位置',
  '上一篇',
  '下一篇',
  '上一版',
  '下一版',
  '上一页',
  '下一页',
  '上一条',
  '下一条',
  '上一期',
  '下一期',
  '上篇',
  '下篇',
  '前一篇',
  '后一篇',
  '版面',
  '版',
  '手机版',
  '频道',
  '栏目',
  '更多',
  '查看',
  '进入',
  '下载',
  '往期',
  '回顾',
  '过刊',
  '检索',
  '搜索',
  '登录',
  '注册',
  '订阅',
  '纠错',
  '举报',
  '客户端',
  '电子版',
  '数字报',
  '网站地图',
  '版权所有',
  '联系我们',
  '关于我们',
  '发表',
  '参与',
  // posting metadata labels
  '刊发',
  '发布',
  '更新',
  '日期',
  '时间',
  '来源',
  '作者',
  '编辑',
  '责编',
  '责任编辑',
];

/** Small words that join interface words into one button label (返回该版首页, 分享到, 我要评论, 在手机打开). */
export const INTERFACE_JOINERS: readonly string[] = [
  '该',
  '本',
  '此',
  '本文',
  '本页',
  '当前页',
  '到',
  '至',
  '在',
  '上',
  '我要',
  '您',
  '您的',
  '所在',
  '现在的',
  '的',
  '页',
  '页面',
  '全部',
  '手机',
  '网友',
  '新闻',
  '文章',
  '图片',
  '视频',
  '共有',
  '已有',
  '暂无',
  '条',
  '人',
];

/** Section names of site menus and e-paper page names (新闻 体育 财经 …, 要闻, 综合). */
export const SECTION_NAMES: readonly string[] = [
  '首页',
  '新闻',
  '资讯',
  '要闻',
  '产经',
  '国内新闻',
  '国际新闻',
  '时政',
  '国内',
  '国际',
  '社会',
  '财经',
  '经济',
  '科技',
  '体育',
  '文娱',
  '娱乐',
  '文化',
  '教育',
  '健康',
  '旅游',
  '汽车',
  '房产',
  '军事',
  '法治',
  '评论',
  '理论',
  '图片',
  '视频',
  '专题',
  '直播',
  '互动',
  '政务',
  '民生',
  '生活',
  '副刊',
  '两岸',
  '港澳',
  '台湾',
  '海外',
  '地方',
  '本地',
  '城市',
  '区县',
  '公益',
  '时尚',
  '数码',
  '游戏',
  '天气',
  '读书',
  '综合',
  '专版',
  '滚动',
  '原创',
  '热点',
  '推荐',
  '排行',
];

/** Labels of posting metadata (label：value) that say where and when a copy was published. */
export const PLACE_AND_TIME_LABELS: readonly string[] = [
  '来源',
  '稿源',
  '出处',
  '信息来源',
  '稿件来源',
  '文章来源',
  '消息来源',
  '时间',
  '日期',
  '发布时间',
  '发布日期',
  '发布于',
  '更新时间',
  '刊发日期',
  '刊发时间',
  '见报日期',
  '成文日期',
  '公开日期',
  '发布机构',
  '发文机关',
  '发文日期',
  '上载日期',
  '生成日期',
];

/** Labels of posting metadata (label：value): where, when, by whom, under which number and how often read. */
export const POSTING_LABEL_WORDS: readonly string[] = [
  ...PLACE_AND_TIME_LABELS,
  '作者',
  '编辑',
  '责任编辑',
  '责编',
  '刊发',
  '版次',
  '版名',
  '版面',
  '栏目',
  '索引号',
  '文号',
  '名称',
  '分类',
  '主题词',
  '发文字号',
  '主题分类',
  '组配分类',
  '公开方式',
  '公开范围',
  '有效性',
  '本文字数',
  '字数',
  '阅读次数',
  '阅读量',
  '阅读',
  '点击',
  '点击数',
  '点击量',
  '新闻点击',
  '浏览',
  '浏览量',
  '浏览次数',
  '访问量',
  '热度',
  '字号',
];

export const POSTING_LABELS = new RegExp(`^(${POSTING_LABEL_WORDS.join('|')})$`, 'u');

/** A line's opening that says it is the story's earlier headline: 原标题：…. */
export const ORIGINAL_TITLE = /^[【\[]?原(?:标题|题)[】\]]?\s*[:：]/u;

/** The visitor's own date and the site's greeting: 今天是：2025年03月12日 星期三 欢迎访问…网站. */
export const SITE_GREETING = /^(?:今天是|今日是|今天|现在是)\s*[:：]?\s*\d{4}\s*年|^欢迎(?:访问|光临|来到|您)/u;

/** Labels of a credit table (| 记者： | … | 编辑： | … |). */
export const CREDIT_LABELS =
  /^(记者|本报记者|通讯员|摄影|摄影记者|摄像|图|文|作者|编辑|责编|责任编辑|美编|校对|审核|审校|监制|制图|设计)$/u;

/** A newspaper's or e-paper's name alone: 天津日报, 江城晚报数字报. */
export const PAPER_NAME =
  /^[\p{Script=Han}]{1,8}(日报|晚报|晨报|早报|时报|商报|周报|都市报|青年报|法治报|法制报|农民报|工人报|经济报|科技报|侨报)(社)?(数字报|电子版|电子报|数字报刊|手机版)?$/u;

/** A site's name alone (人民网, 北方网): only furniture where the page's furniture is, since 安全网 is a headline too. */
export const SITE_NAME = new RegExp(
  [
    String.raw`^[\p{Script=Han}]{1,3}网$`,
    String.raw`^[\p{Script=Han}]{1,4}(党建网|新闻网|政府网|资讯网|在线|客户端|融媒|发布)$`,
    String.raw`^[\p{Script=Han}]{1,6}(数字报刊馆|数字报刊|数字报|电子报|融媒体中心)$`,
  ].join('|'),
  'u',
);

/** Headers of link lists: the lines under them are links to other articles, not text. */
const LINK_LISTS = [
  '标题导航|本版导航|本版导读|版面导航',
  '(?:相关|推荐|热门|热点|精彩|最新|延伸|为你|猜你)(?:阅读|新闻|推荐|文章|报道|链接|专题|资讯|视频|喜欢|想看)',
  '相关阅读|相关新闻|相关链接|相关报道|推荐阅读|延伸阅读|猜你喜欢',
  '热门推荐|热点推荐|最新推荐|最新报道|点击排行|热门排行|往期回顾',
  '更多(?:阅读|新闻|资讯|报道)?(?:>>|》)?',
].join('|');
export const LINK_LIST_HEADER = new RegExp(String.raw`^[【\[]?(${LINK_LISTS})[】\]]?[:：]?$`, 'u');

/** A link to the neighbouring article: 上一篇：…, 下一篇 …, 上一条. Not 上一年度…. */
export const NEIGHBOUR_LINK =
  /^[【\[<〈《]?(上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)[】\]>〉》]?(?:[\s:：]|$)/u;

/** An e-paper's date line with the weekday: 2022年02月19日 星期六 (the issue date). */
export const DATE_WITH_WEEKDAY =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[\s\u3000]*(星期|周|礼拜)[一二三四五六日天]([\s\u3000]*农历\S{2,8})?$/u;

/** The opening of a report: 本报讯, 本报北京3月5日电, 新华社…电 (at the head of a paragraph). */
export const REPORT_OPENING =
  /^(?:本报讯|本报消息|[\p{Script=Han}]{1,6}(?:社|报|网|台)[\p{Script=Han}]{0,8}\d{1,2}月\d{1,2}日(?:电|讯))/u;
