// Chinese surnames (a closed set): a name is a surname plus one or two characters.
const SINGLE = `习王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由`;
const DOUBLE = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '令狐',
  '公孙',
  '慕容',
  '尉迟',
  '长孙',
  '宇文',
  '夏侯',
  '轩辕',
  '端木',
  '南宫',
  '西门',
  '司徒',
  '独孤',
];

export const SINGLE_SURNAMES: ReadonlySet<string> = new Set([...SINGLE]);

export function surnameOf(name: string): string | null {
  const two = DOUBLE.find((d) => name.startsWith(d));
  if (two) return two;
  return SINGLE_SURNAMES.has(name[0]) ? name[0] : null;
}

/** A plausible personal name: a surname and one or two given characters. */
export function isPlausibleName(name: string): boolean {
  const surname = surnameOf(name);
  if (!surname) return false;
  const given = [...name].length - [...surname].length;
  return given >= 1 && given <= 2 && /^[\p{Script=Han}]+$/u.test(name);
}

/** Leaders whose names follow 学习 and 贯彻 daily: a doubled character before them is never a typo (学习习近平). */
export const LEADERS: ReadonlySet<string> = new Set([
  '习近平',
  '李强',
  '赵乐际',
  '王沪宁',
  '蔡奇',
  '丁薛祥',
  '李希',
  '韩正',
]);

export function startsWithLeader(text: string): boolean {
  for (const leader of LEADERS) if (text.startsWith(leader)) return true;
  return false;
}

/** A name at the head of `text`: a known leader, or a plausible name followed by a title or 同志. */
export function startsWithName(text: string): boolean {
  if (startsWithLeader(text)) return true;
  return [3, 2].some(
    (n) =>
      isPlausibleName(text.slice(0, n)) &&
      /^(总书记|书记|同志|主席|总理|委员长|部长|市长|省长|区长|县长|主任)/u.test(text.slice(n)),
  );
}
