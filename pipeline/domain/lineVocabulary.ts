// Words of line roles that more than one stage reads: clean marks the lines, structure reads what they held.

/** A writer's credit before a name: 文/张三, 作者：李四. */
export const WRITER_PREFIX = /^(文|作者)\s*[/／:：]\s*/u;

/** Labels of a column of briefs (not a commentary column): 简讯, 快讯, 图片新闻 … */
export const BRIEFS_COLUMN = /^(简讯|短讯|快讯|要闻简报|新闻速览|要闻速递|一句话新闻|图片新闻|本地简讯|综合新闻)$/u;
